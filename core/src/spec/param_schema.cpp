#include "spec/param_schema.hpp"

#include <cmath>
#include <filesystem>
#include <optional>
#include <utility>

#include "plugins/param_bounds.hpp"
#include "plugins/param_spec_check.hpp"

namespace eorun {

namespace {

std::string join_keys(const std::vector<ParamSpec>& schema) {
  std::string out;
  for (const ParamSpec& spec : schema) out += (out.empty() ? "" : ", ") + std::string(spec.name);
  return out.empty() ? "(none)" : out;
}

// The value converted to the declared type, or null when it does not fit. An empty table is an
// empty list where a list may be given: Lua (a sweep's derive) cannot tell the two apart.
nlohmann::json coerce(ParamType type, const nlohmann::json& value) {
  if (value.is_object() && value.empty() && is_list_param_type(type)) return nlohmann::json::array();
  if (!json_fits_param_type(type, value)) return nlohmann::json();
  switch (type) {
    case ParamType::integer:
      return value.is_number_integer() ? value.get<std::int64_t>()
                                       : static_cast<std::int64_t>(value.get<double>());
    case ParamType::real:
      return value.get<double>();
    case ParamType::integer_or_string_list:
      if (value.is_array()) return value;
      return coerce(ParamType::integer, value);
    case ParamType::integer_list:
    case ParamType::real_list: {
      nlohmann::json items = nlohmann::json::array();
      for (const auto& item : value) items.push_back(coerce(param_element_type(type), item));
      return items;
    }
    case ParamType::path:
      if (value.get<std::string>().empty()) return value;
      return std::filesystem::absolute(value.get<std::string>()).lexically_normal().string();
    default:
      return value;
  }
}

std::string type_phrase(ParamType type) { return std::string(param_type_phrase(type)); }

std::string json_type_name(const nlohmann::json& value);

// For a list of the wrong element type: " (element 2 is string \"a\")"; empty otherwise.
std::string wrong_element(ParamType type, const nlohmann::json& value) {
  if (!value.is_array()) return {};
  ParamType element = param_element_type(type);
  if (type == ParamType::integer_or_string_list)
    element = ParamType::string;  // a list given for it is a list of names
  else if (!is_list_param_type(type))
    return {};
  for (std::size_t i = 0; i < value.size(); ++i)
    if (!json_fits_param_type(element, value[i]))
      return " (element " + std::to_string(i + 1) + " is " + json_type_name(value[i]) + ")";
  return {};
}

std::string json_type_name(const nlohmann::json& value) {
  if (value.is_number_integer()) return "integer " + value.dump();
  if (value.is_number()) return "number " + value.dump();
  if (value.is_string()) return "string " + value.dump();
  if (value.is_boolean()) return "boolean " + value.dump();
  if (value.is_array()) return "list " + value.dump();
  return std::string(value.type_name());
}

// A value of the right type outside the declared bounds or allowed values: {problem, remedy}.
// List types are checked element by element.
std::optional<std::pair<std::string, std::string>> value_problem(const ParamSpec& spec,
                                                                 const nlohmann::json& value) {
  const bool list = value.is_array();
  if (list && spec.type == ParamType::integer_or_string_list)
    return std::nullopt;  // names: neither bounds nor allowed values apply
  const nlohmann::json items = list ? value : nlohmann::json::array({value});
  auto which = [&](std::size_t i) {
    return list ? "element " + std::to_string(i + 1) + " (" + items[i].dump() + ")"
                : items[i].dump();
  };
  if (has_bounds(spec))
    for (std::size_t i = 0; i < items.size(); ++i)
      if (auto problem = bound_violation(spec, items[i].get<double>()))
        return std::make_pair(which(i) + " " + *problem, bounds_remedy(spec));
  nlohmann::json allowed = param_allowed(spec);
  if (allowed.empty() || (spec.type == ParamType::string_or_list && list)) return std::nullopt;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (allowed_contains(allowed, items[i])) continue;
    std::string names;
    for (const auto& a : allowed) names += (names.empty() ? "" : ", ") + a.dump();
    return std::make_pair((list ? which(i) : "value " + which(i)) + " is not allowed",
                          "use one of: " + names);
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(ParamType type) {
  switch (type) {
    case ParamType::boolean: return "bool";
    case ParamType::integer: return "int";
    case ParamType::real: return "real";
    case ParamType::string: return "string";
    case ParamType::path: return "path";
    case ParamType::string_list: return "list<string>";
    case ParamType::string_or_list: return "string|list<string>";
    case ParamType::integer_list: return "list<int>";
    case ParamType::real_list: return "list<real>";
    case ParamType::integer_or_string_list: return "int|list<string>";
  }
  return "unknown";
}

nlohmann::json param_default(const ParamSpec& spec) {
  nlohmann::json parsed = nlohmann::json::parse(spec.default_json ? spec.default_json : "null",
                                                nullptr, /*allow_exceptions=*/false);
  nlohmann::json value = coerce(spec.type, parsed);
  if (value.is_null())
    throw Error(std::string("parameter '") + spec.name + "'",
                std::string("declared default '") + (spec.default_json ? spec.default_json : "") +
                    "' is not " + type_phrase(spec.type),
                "fix the plugin's ParamSpec");
  return value;
}

nlohmann::json param_allowed(const ParamSpec& spec) {
  if (spec.allowed_json == nullptr) return nlohmann::json::array();
  nlohmann::json parsed = nlohmann::json::parse(spec.allowed_json, nullptr, false);
  if (!parsed.is_array())
    throw Error(std::string("parameter '") + spec.name + "'",
                std::string("declared allowed values '") + spec.allowed_json +
                    "' are not a JSON array",
                "fix the plugin's ParamSpec");
  return parsed;
}

nlohmann::json resolve_params(const std::string& section, const nlohmann::json& user,
                              const std::vector<ParamSpec>& schema, std::vector<Error>& errors) {
  nlohmann::json resolved = nlohmann::json::object();
  const nlohmann::json given = user.is_object() ? user : nlohmann::json::object();
  for (const auto& [key, value] : given.items()) {
    bool declared = false;
    for (const ParamSpec& spec : schema) declared = declared || key == spec.name;
    if (!declared)
      errors.emplace_back(section + "." + key, "unknown key",
                          "valid keys of [" + section + "]: " + join_keys(schema));
  }
  for (const ParamSpec& spec : schema) {
    const std::string subject = section + "." + spec.name;
    auto it = given.find(spec.name);
    if (it == given.end()) {
      resolved[spec.name] = param_default(spec);
      continue;
    }
    nlohmann::json value = coerce(spec.type, *it);
    if (value.is_null()) {
      errors.emplace_back(subject, "expected " + type_phrase(spec.type) + ", got " +
                                       json_type_name(*it) + wrong_element(spec.type, *it),
                          std::string("e.g. ") + spec.name + " = " + param_default(spec).dump());
      continue;
    }
    if (auto problem = value_problem(spec, value)) {
      errors.emplace_back(subject, problem->first, problem->second);
      continue;
    }
    resolved[spec.name] = value;
  }
  return resolved;
}

Params to_params(const std::string& owner, const nlohmann::json& resolved,
                 const std::vector<ParamSpec>& schema) {
  Params params(owner);
  for (const ParamSpec& spec : schema) {
    const nlohmann::json& value = resolved.at(spec.name);
    switch (spec.type) {
      case ParamType::boolean: params.set(spec.name, value.get<bool>()); break;
      case ParamType::integer: params.set(spec.name, value.get<std::int64_t>()); break;
      case ParamType::real: params.set(spec.name, value.get<double>()); break;
      case ParamType::string:
      case ParamType::path: params.set(spec.name, value.get<std::string>()); break;
      case ParamType::string_list:
        params.set(spec.name, value.get<std::vector<std::string>>());
        break;
      case ParamType::integer_list:
        params.set(spec.name, value.get<std::vector<std::int64_t>>());
        break;
      case ParamType::real_list: params.set(spec.name, value.get<std::vector<double>>()); break;
      case ParamType::integer_or_string_list:
        if (value.is_array())
          params.set(spec.name, value.get<std::vector<std::string>>());
        else
          params.set(spec.name, value.get<std::int64_t>());
        break;
      case ParamType::string_or_list:
        if (value.is_string())
          params.set(spec.name, value.get<std::string>());
        else
          params.set(spec.name, value.get<std::vector<std::string>>());
        break;
    }
  }
  return params;
}

}  // namespace eorun
