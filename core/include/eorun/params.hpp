// eorun plugin SDK: declared parameters and the resolved values a plugin receives.
//
// A plugin declares its parameters as a static array of ParamSpec (plain data, no
// constructors run across the boundary). The core validates every user value against
// that schema, fills in defaults, and hands the plugin a Params object in which every
// declared key is present with the declared type. A plugin therefore never parses
// configuration text and never sees an unknown key.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "eorun/error.hpp"

namespace eorun {

enum class ParamType : std::uint32_t {
  boolean = 1,
  integer = 2,
  real = 3,            // integers are accepted and widened
  string = 4,
  string_list = 5,     // a list of strings
  string_or_list = 6,  // one string (usually a named preset) or a list of strings
  path = 7,            // a file or folder; the core makes it absolute (relative to the working
                       // directory) before the plugin sees it, so the recorded spec is unambiguous
};

// One declared parameter. All text fields are JSON or plain UTF-8 in static storage.
struct ParamSpec {
  const char* name;          // key, [a-z0-9_]+
  ParamType type;
  const char* default_json;  // default as JSON text ("32", "\"rgb\"", "[\"B04\"]"); never null
  const char* allowed_json;  // JSON array of allowed values, or nullptr for any value of the type
  const char* doc;           // one line, shown by `eorun plugins show`
};

using ParamValue = std::variant<bool, std::int64_t, double, std::string, std::vector<std::string>>;

// Resolved parameters: every declared key, typed as declared.
class Params {
 public:
  Params() = default;
  explicit Params(std::string owner) : owner_(std::move(owner)) {}

  void set(const std::string& key, ParamValue value) { values_[key] = std::move(value); }
  bool has(const std::string& key) const { return values_.count(key) != 0; }
  const std::map<std::string, ParamValue>& values() const { return values_; }

  bool get_bool(const std::string& key) const { return get<bool>(key, "a boolean"); }
  std::int64_t get_int(const std::string& key) const { return get<std::int64_t>(key, "an integer"); }
  double get_real(const std::string& key) const {
    const ParamValue& v = at(key);
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    return get<double>(key, "a number");
  }
  // Strings and paths (a path arrives absolute and lexically normal).
  const std::string& get_string(const std::string& key) const {
    return get<std::string>(key, "a string");
  }
  const std::vector<std::string>& get_strings(const std::string& key) const {
    return get<std::vector<std::string>>(key, "a list of strings");
  }
  bool is_string(const std::string& key) const {
    return std::holds_alternative<std::string>(at(key));
  }

 private:
  const ParamValue& at(const std::string& key) const {
    auto it = values_.find(key);
    if (it == values_.end())
      throw Error(owner_ + "." + key, "parameter is not declared by the plugin",
                  "declare it in the plugin's ParamSpec array");
    return it->second;
  }
  template <typename T>
  const T& get(const std::string& key, const char* what) const {
    const ParamValue& v = at(key);
    if (const auto* p = std::get_if<T>(&v)) return *p;
    throw Error(owner_ + "." + key, std::string("parameter is not ") + what,
                "read it with the getter that matches its declared type");
  }

  std::string owner_;
  std::map<std::string, ParamValue> values_;
};

}  // namespace eorun
