// Load-time checks of a plugin's declared parameters (its ParamSpec array).
//
// A plugin whose schema is broken (a bad name, a default that is not JSON or not of the declared
// type, allowed values that are not a JSON array of that type) is refused at load, so nothing
// later has to cope with a schema it cannot read.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "eorun/params.hpp"

namespace eorun {

// What a value of `type` is, for messages: "an integer", "a list of strings", ...
std::string_view param_type_phrase(ParamType type);

// Whether `value` is a valid value of `type` as written in a schema (an integer-valued number
// counts as an integer; any number counts as a real).
bool json_fits_param_type(ParamType type, const nlohmann::json& value);

// Null when every spec is sound; otherwise the first problem, naming the parameter.
std::optional<std::string> check_param_specs(const ParamSpec* specs, std::size_t count);

}  // namespace eorun
