// Numeric bounds of a declared parameter (ParamSpec::min/max): whether a value is inside, and how
// to say so. One wording serves the loader's schema check, the spec validator and
// `eorun plugins show`.
#pragma once

#include <optional>
#include <string>

#include "eorun/params.hpp"

namespace eorun {

bool has_bounds(const ParamSpec& spec);

// Whether bounds apply to parameters of `type` (integer, real and their lists).
bool type_takes_bounds(ParamType type);

// The allowed range in interval notation: "[0, 1)", "(0, inf)", "[1, 8]"; empty without bounds.
std::string bounds_text(const ParamSpec& spec);

// Null when `value` is within the bounds; otherwise the problem, naming the bound:
// "is below the minimum 4", "must be greater than 0", "is above the maximum 1".
std::optional<std::string> bound_violation(const ParamSpec& spec, double value);

// The remedy for a value outside the bounds: "use a value in [0, 1)".
std::string bounds_remedy(const ParamSpec& spec);

}  // namespace eorun
