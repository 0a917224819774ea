#include "plugins/param_spec_check.hpp"

#include <cmath>
#include <set>

#include "plugins/plugin_name.hpp"

namespace eorun {

namespace {

constexpr ParamType kLastParamType = ParamType::path;

bool is_string_list(const nlohmann::json& value) {
  if (!value.is_array()) return false;
  for (const auto& item : value)
    if (!item.is_string()) return false;
  return true;
}

std::string quoted(std::string_view name) { return "parameter '" + std::string(name) + "'"; }

// The problem with one spec (whose name is already known to be valid), or null.
std::optional<std::string> check_values(const ParamSpec& spec) {
  if (spec.default_json == nullptr) return quoted(spec.name) + " has no default";
  const nlohmann::json value = nlohmann::json::parse(spec.default_json, nullptr, false);
  if (value.is_discarded())
    return quoted(spec.name) + ": default '" + spec.default_json + "' is not valid JSON";
  if (!json_fits_param_type(spec.type, value))
    return quoted(spec.name) + ": default " + spec.default_json + " is not " +
           std::string(param_type_phrase(spec.type));
  if (spec.allowed_json == nullptr) return std::nullopt;
  const nlohmann::json allowed = nlohmann::json::parse(spec.allowed_json, nullptr, false);
  if (!allowed.is_array() || allowed.empty())
    return quoted(spec.name) + ": allowed values '" + spec.allowed_json +
           "' are not a non-empty JSON array";
  // For string_or_list the allowed values are the named presets: each is a string.
  const ParamType item_type =
      spec.type == ParamType::string_or_list ? ParamType::string : spec.type;
  for (const auto& item : allowed)
    if (!json_fits_param_type(item_type, item))
      return quoted(spec.name) + ": allowed value " + item.dump() + " is not " +
             std::string(param_type_phrase(item_type));
  if (value.is_array()) return std::nullopt;  // a list given for a string_or_list is not a preset
  for (const auto& item : allowed)
    if (item == value || (item.is_number() && value.is_number() &&
                              item.get<double>() == value.get<double>()))
      return std::nullopt;
  return quoted(spec.name) + ": default " + spec.default_json + " is not one of the allowed values " +
         spec.allowed_json;
}

}  // namespace

std::string_view param_type_phrase(ParamType type) {
  switch (type) {
    case ParamType::boolean: return "a boolean";
    case ParamType::integer: return "an integer";
    case ParamType::real: return "a number";
    case ParamType::string: return "a string";
    case ParamType::string_list: return "a list of strings";
    case ParamType::string_or_list: return "a string or a list of strings";
    case ParamType::path: return "a path (string)";
  }
  return "a value of a known type";
}

bool json_fits_param_type(ParamType type, const nlohmann::json& value) {
  switch (type) {
    case ParamType::boolean: return value.is_boolean();
    case ParamType::integer:
      if (value.is_number_integer()) return true;
      return value.is_number_float() && std::isfinite(value.get<double>()) &&
             std::floor(value.get<double>()) == value.get<double>();
    case ParamType::real: return value.is_number();
    case ParamType::string:
    case ParamType::path: return value.is_string();
    case ParamType::string_list: return is_string_list(value);
    case ParamType::string_or_list: return value.is_string() || is_string_list(value);
  }
  return false;
}

std::optional<std::string> check_param_specs(const ParamSpec* specs, std::size_t count) {
  if (count > 0 && specs == nullptr)
    return "declares " + std::to_string(count) + " parameters but no ParamSpec array";
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < count; ++i) {
    const ParamSpec& spec = specs[i];
    if (spec.name == nullptr) return "parameter #" + std::to_string(i + 1) + " has no name";
    if (!is_valid_plugin_name(spec.name))
      return quoted(spec.name) + ": invalid name (use only a-z, 0-9 and _)";
    if (!seen.insert(spec.name).second) return quoted(spec.name) + " is declared twice";
    const auto type = static_cast<std::uint32_t>(spec.type);
    if (type < static_cast<std::uint32_t>(ParamType::boolean) ||
        type > static_cast<std::uint32_t>(kLastParamType))
      return quoted(spec.name) + ": unknown type " + std::to_string(type);
    if (auto problem = check_values(spec)) return problem;
  }
  return std::nullopt;
}

}  // namespace eorun
