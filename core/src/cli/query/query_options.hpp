// What the options of `eorun query` (cli/args/query_args.hpp) mean beyond their values.
#pragma once

#include <cstddef>
#include <optional>

#include "cli/args/query_args.hpp"

namespace eorun {

// How many rows to show: --top when given, else `fallback` (nullopt: all).
std::optional<std::size_t> top_limit(const QueryArgs& options,
                                     std::optional<std::size_t> fallback);

// The runs shown by default when --top is not given.
inline constexpr std::size_t kDefaultTopRuns = 10;

}  // namespace eorun
