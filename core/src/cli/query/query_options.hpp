// The options of `eorun query`, as given on the command line.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace eorun {

struct QueryOptions {
  std::string best;                   // rank by this metric; empty: list runs, newest first
  std::string split = "val";          // rank on val or test
  std::string top;                    // N or "all"; empty: 10 runs, or every group
  std::string format = "table";       // table | json | csv
  std::string where;                  // --where expression; empty for none
  std::string sweep;                  // --sweep NAME|ID; empty for none
  std::vector<std::string> group_by;  // --group-by keys
  std::vector<std::string> columns;   // --columns fields
};

// How many rows to show: --top when given, else `fallback` (nullopt: all).
std::optional<std::size_t> top_limit(const QueryOptions& options,
                                     std::optional<std::size_t> fallback);

// The runs shown by default when --top is not given.
inline constexpr std::size_t kDefaultTopRuns = 10;

}  // namespace eorun
