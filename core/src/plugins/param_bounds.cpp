#include "plugins/param_bounds.hpp"

#include <cmath>
#include <cstdio>

namespace eorun {

namespace {

std::string number(double value) {
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", value);
  return buffer;
}

}  // namespace

bool has_bounds(const ParamSpec& spec) {
  return spec.min_kind != BoundKind::none || spec.max_kind != BoundKind::none;
}

bool type_takes_bounds(ParamType type) {
  return type == ParamType::integer || type == ParamType::real ||
         type == ParamType::integer_list || type == ParamType::real_list ||
         type == ParamType::integer_or_string_list;
}

std::string bounds_text(const ParamSpec& spec) {
  if (!has_bounds(spec)) return {};
  std::string text;
  if (spec.min_kind == BoundKind::none)
    text = "(-inf";
  else
    text = (spec.min_kind == BoundKind::inclusive ? "[" : "(") + number(spec.min);
  text += ", ";
  if (spec.max_kind == BoundKind::none)
    text += "inf)";
  else
    text += number(spec.max) + (spec.max_kind == BoundKind::inclusive ? "]" : ")");
  return text;
}

std::optional<std::string> bound_violation(const ParamSpec& spec, double value) {
  if (std::isnan(value)) return std::string("is not a number");
  switch (spec.min_kind) {
    case BoundKind::inclusive:
      if (value < spec.min) return "is below the minimum " + number(spec.min);
      break;
    case BoundKind::exclusive:
      if (value <= spec.min) return "must be greater than " + number(spec.min);
      break;
    case BoundKind::none: break;
  }
  switch (spec.max_kind) {
    case BoundKind::inclusive:
      if (value > spec.max) return "is above the maximum " + number(spec.max);
      break;
    case BoundKind::exclusive:
      if (value >= spec.max) return "must be less than " + number(spec.max);
      break;
    case BoundKind::none: break;
  }
  return std::nullopt;
}

std::string bounds_remedy(const ParamSpec& spec) { return "use a value in " + bounds_text(spec); }

}  // namespace eorun
