// Load-time checks of a plugin's declared parameters (its ParamSpec array).
//
// A plugin whose schema is broken (a bad name, a default that is not JSON or not of the declared
// type, allowed values that are not a JSON array of that type, bounds on a non-numeric type or
// bounds that admit no value, a default or allowed value outside the bounds) is refused at load, so nothing
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

// The type of one element of a list type (string_list -> string, integer_list -> integer,
// real_list -> real; string_or_list -> string, its presets); any other type itself.
ParamType param_element_type(ParamType type);
bool is_list_param_type(ParamType type);  // string_list, integer_list, real_list

// Whether `value` is a valid value of `type` as written in a schema (an integer-valued number
// counts as an integer; any number counts as a real).
bool json_fits_param_type(ParamType type, const nlohmann::json& value);

// Whether `allowed` (a JSON array) holds `value`; numbers compare by value (2 == 2.0).
bool allowed_contains(const nlohmann::json& allowed, const nlohmann::json& value);

// Null when every spec is sound; otherwise the first problem, naming the parameter.
std::optional<std::string> check_param_specs(const ParamSpec* specs, std::size_t count);

}  // namespace eorun
