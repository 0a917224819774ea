// eorun plugin SDK: declared parameters and the resolved values a plugin receives.
//
// A plugin declares its parameters as a static array of ParamSpec (plain data, no
// constructors run across the boundary). The core validates every user value against
// that schema (type, allowed values, numeric bounds), fills in defaults, and hands the plugin a
// Params object in which every declared key is present with the declared type. A plugin
// therefore never parses configuration text, never checks a range by hand and never sees an
// unknown key.
//
//   constexpr eorun::ParamSpec kParams[] = {
//       {"width", eorun::ParamType::integer, "32", nullptr, "filters of the first layer"},
//       eorun::ParamSpec{"dropout", eorun::ParamType::real, "0.0", nullptr, "drop rate"}
//           .at_least(0).less_than(1),
//       {"mode", eorun::ParamType::string, "\"rgb\"", "[\"rgb\", \"ms\"]", "input preset"},
//       eorun::ParamSpec{"kernels", eorun::ParamType::integer_list, "[3, 5]", nullptr,
//                        "kernel size per layer"}.at_least(1),
//   };
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
                       // directory) before the plugin sees it, so the recorded spec is unambiguous.
                       // A path naming a file is content-hashed into the run's identity.
  integer_list = 8,    // a list of integers
  real_list = 9,       // a list of numbers (integers are widened)
  integer_or_string_list = 10,  // a count or a list of names (e.g. bands = 4 or ["B02", "B08"])
};

// Whether a numeric bound applies, and whether the bound value itself is allowed.
enum class BoundKind : std::uint32_t { none = 0, inclusive = 1, exclusive = 2 };

// One declared parameter. All text fields are JSON or plain UTF-8 in static storage.
//
// Allowed values and bounds of a list type apply to each element; for string_or_list the allowed
// values are the named presets (a list given instead is not checked against them). Bounds apply
// to integer, real, integer_list, real_list and integer_or_string_list (its integer form)
// parameters only.
struct ParamSpec {
  const char* name;          // key, [a-z0-9_]+
  ParamType type;
  const char* default_json;  // default as JSON text ("32", "\"rgb\"", "[\"B04\"]"); never null
  const char* allowed_json;  // JSON array of allowed values, or nullptr for any value of the type
  const char* doc;           // one line, shown by `eorun plugins show`
  BoundKind min_kind = BoundKind::none;
  double min = 0;
  BoundKind max_kind = BoundKind::none;
  double max = 0;

  // Bounds, chained on a spec: ParamSpec{...}.at_least(0).less_than(1) means [0, 1).
  constexpr ParamSpec at_least(double value) const { return with_min(BoundKind::inclusive, value); }
  constexpr ParamSpec greater_than(double value) const {
    return with_min(BoundKind::exclusive, value);
  }
  constexpr ParamSpec at_most(double value) const { return with_max(BoundKind::inclusive, value); }
  constexpr ParamSpec less_than(double value) const { return with_max(BoundKind::exclusive, value); }
  constexpr ParamSpec between(double low, double high) const { return at_least(low).at_most(high); }

 private:
  constexpr ParamSpec with_min(BoundKind kind, double value) const {
    ParamSpec spec = *this;
    spec.min_kind = kind;
    spec.min = value;
    return spec;
  }
  constexpr ParamSpec with_max(BoundKind kind, double value) const {
    ParamSpec spec = *this;
    spec.max_kind = kind;
    spec.max = value;
    return spec;
  }
};

using ParamValue = std::variant<bool, std::int64_t, double, std::string, std::vector<std::string>,
                                std::vector<std::int64_t>, std::vector<double>>;

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
  const std::vector<std::int64_t>& get_ints(const std::string& key) const {
    return get<std::vector<std::int64_t>>(key, "a list of integers");
  }
  const std::vector<double>& get_reals(const std::string& key) const {
    return get<std::vector<double>>(key, "a list of numbers");
  }
  bool is_string(const std::string& key) const {
    return std::holds_alternative<std::string>(at(key));
  }
  bool is_int(const std::string& key) const {
    return std::holds_alternative<std::int64_t>(at(key));
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
