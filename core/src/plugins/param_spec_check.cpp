#include "plugins/param_spec_check.hpp"

#include <cmath>
#include <set>

#include "plugins/param_bounds.hpp"
#include "plugins/plugin_name.hpp"

namespace eorun {

namespace {

constexpr ParamType kLastParamType = ParamType::integer_or_string_list;

bool is_list_of(ParamType element, const nlohmann::json& value) {
  if (!value.is_array()) return false;
  for (const auto& item : value)
    if (!json_fits_param_type(element, item)) return false;
  return true;
}

bool is_known_bound_kind(BoundKind kind) {
  return kind == BoundKind::none || kind == BoundKind::inclusive || kind == BoundKind::exclusive;
}

// The problem with the declared bounds of `spec`, or null.
std::optional<std::string> check_bounds(const ParamSpec& spec, const std::string& subject) {
  if (!is_known_bound_kind(spec.min_kind) || !is_known_bound_kind(spec.max_kind))
    return subject + ": unknown bound kind";
  if (!has_bounds(spec)) return std::nullopt;
  if (!type_takes_bounds(spec.type))
    return subject + ": has bounds but is " + std::string(param_type_phrase(spec.type)) +
           " (bounds apply to integers, numbers and their lists)";
  const bool both = spec.min_kind != BoundKind::none && spec.max_kind != BoundKind::none;
  if ((spec.min_kind != BoundKind::none && std::isnan(spec.min)) ||
      (spec.max_kind != BoundKind::none && std::isnan(spec.max)))
    return subject + ": a bound is NaN";
  if (both && (spec.min > spec.max ||
               (spec.min == spec.max && (spec.min_kind == BoundKind::exclusive ||
                                         spec.max_kind == BoundKind::exclusive))))
    return subject + ": bounds " + bounds_text(spec) + " admit no value";
  return std::nullopt;
}

// Each number of `value` (a number or a list of them) within the bounds; the problem or null.
std::optional<std::string> check_within_bounds(const ParamSpec& spec, const nlohmann::json& value,
                                               const std::string& what) {
  if (!has_bounds(spec)) return std::nullopt;
  const nlohmann::json items = value.is_array() ? value : nlohmann::json::array({value});
  for (const auto& item : items)
    if (item.is_number())
      if (auto problem = bound_violation(spec, item.get<double>()))
        return what + " " + item.dump() + " " + *problem + " of its bounds " + bounds_text(spec);
  return std::nullopt;
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
  if (auto problem = check_bounds(spec, quoted(spec.name))) return problem;
  if (auto problem = check_within_bounds(spec, value, quoted(spec.name) + ": default"))
    return problem;
  if (spec.allowed_json == nullptr) return std::nullopt;
  const nlohmann::json allowed = nlohmann::json::parse(spec.allowed_json, nullptr, false);
  if (!allowed.is_array() || allowed.empty())
    return quoted(spec.name) + ": allowed values '" + spec.allowed_json +
           "' are not a non-empty JSON array";
  // Allowed values are elements for list types, the named presets for string_or_list.
  const ParamType item_type = param_element_type(spec.type);
  for (const auto& item : allowed) {
    if (!json_fits_param_type(item_type, item))
      return quoted(spec.name) + ": allowed value " + item.dump() + " is not " +
             std::string(param_type_phrase(item_type));
    if (auto problem = check_within_bounds(spec, item, quoted(spec.name) + ": allowed value"))
      return problem;
  }
  if ((spec.type == ParamType::string_or_list ||
       spec.type == ParamType::integer_or_string_list) &&
      value.is_array())
    return std::nullopt;  // a list given for a string_or_list is not a preset
  const nlohmann::json items = value.is_array() ? value : nlohmann::json::array({value});
  for (const auto& item : items)
    if (!allowed_contains(allowed, item))
      return quoted(spec.name) + ": default " + spec.default_json +
             (value.is_array() ? " holds " + item.dump() + ", which is not" : " is not") +
             " one of the allowed values " + spec.allowed_json;
  return std::nullopt;
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
    case ParamType::integer_list: return "a list of integers";
    case ParamType::real_list: return "a list of numbers";
    case ParamType::integer_or_string_list: return "an integer or a list of strings";
  }
  return "a value of a known type";
}

ParamType param_element_type(ParamType type) {
  switch (type) {
    case ParamType::string_list:
    case ParamType::string_or_list: return ParamType::string;
    case ParamType::integer_or_string_list: return ParamType::integer;
    case ParamType::integer_list: return ParamType::integer;
    case ParamType::real_list: return ParamType::real;
    default: return type;
  }
}

bool allowed_contains(const nlohmann::json& allowed, const nlohmann::json& value) {
  for (const auto& item : allowed)
    if (item == value ||
        (item.is_number() && value.is_number() && item.get<double>() == value.get<double>()))
      return true;
  return false;
}

bool is_list_param_type(ParamType type) {
  return type == ParamType::string_list || type == ParamType::integer_list ||
         type == ParamType::real_list;
}

bool json_fits_param_type(ParamType type, const nlohmann::json& value) {
  switch (type) {
    case ParamType::boolean: return value.is_boolean();
    case ParamType::integer:
      if (value.is_number_integer()) return true;
      return value.is_number_float() && std::isfinite(value.get<double>()) &&
             std::floor(value.get<double>()) == value.get<double>();
    case ParamType::real: return value.is_number() && std::isfinite(value.get<double>());
    case ParamType::string:
    case ParamType::path: return value.is_string();
    case ParamType::string_list: return is_list_of(ParamType::string, value);
    case ParamType::string_or_list:
      return value.is_string() || is_list_of(ParamType::string, value);
    case ParamType::integer_list: return is_list_of(ParamType::integer, value);
    case ParamType::real_list: return is_list_of(ParamType::real, value);
    case ParamType::integer_or_string_list:
      return json_fits_param_type(ParamType::integer, value) ||
             is_list_of(ParamType::string, value);
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
