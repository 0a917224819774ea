#include "util/quantity_text.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>

#include "eorun/error.hpp"

namespace eorun {

namespace {

// The number at the start of `text` and the rest, lower-cased, without spaces.
bool split_number(const std::string& text, double& number, std::string& unit) {
  std::size_t used = 0;
  try {
    number = std::stod(text, &used);
  } catch (const std::exception&) {
    return false;
  }
  unit.clear();
  for (std::size_t i = used; i < text.size(); ++i)
    if (!std::isspace(static_cast<unsigned char>(text[i])))
      unit += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  return std::isfinite(number) && number >= 0;
}

}  // namespace

std::string format_bytes(std::uint64_t bytes) {
  const char* units[] = {"B", "kB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1000 && unit < 4) {
    value /= 1000;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, unit == 0 || value >= 100 ? "%.0f %s" : "%.1f %s", value, units[unit]);
  return text;
}

std::string format_age(std::int64_t seconds) {
  if (seconds < 0) seconds = 0;
  if (seconds < 120) return std::to_string(seconds) + " s";
  if (seconds < 2 * 3600) return std::to_string(seconds / 60) + " min";
  if (seconds < 2 * 86400) return std::to_string(seconds / 3600) + " h";
  return std::to_string(seconds / 86400) + " d";
}

std::uint64_t parse_bytes(const std::string& text, const std::string& subject) {
  double number = 0;
  std::string unit;
  if (split_number(text, number, unit)) {
    const bool binary = unit.size() >= 2 && unit.compare(unit.size() - 2, 2, "ib") == 0;
    if (binary) unit.erase(unit.size() - 2);
    else if (!unit.empty() && unit.back() == 'b') unit.pop_back();
    const double base = binary ? 1024.0 : 1000.0;
    const std::string prefixes = "kmgt";
    double factor = 1;
    if (unit.size() == 1 && prefixes.find(unit[0]) != std::string::npos)
      factor = std::pow(base, static_cast<double>(prefixes.find(unit[0]) + 1));
    else if (!unit.empty())
      factor = 0;
    if (factor > 0) return static_cast<std::uint64_t>(number * factor);
  }
  throw Error(subject, "'" + text + "' is not a size", "write a number with K, M, G or T, e.g. 50G or 800M");
}

std::int64_t parse_duration_seconds(const std::string& text, const std::string& subject) {
  double number = 0;
  std::string unit;
  if (split_number(text, number, unit)) {
    double factor = 0;
    if (unit == "s") factor = 1;
    if (unit == "m" || unit == "min") factor = 60;
    if (unit == "h") factor = 3600;
    if (unit == "d") factor = 86400;
    if (unit == "w") factor = 7 * 86400;
    if (factor > 0) return static_cast<std::int64_t>(number * factor);
  }
  throw Error(subject, "'" + text + "' is not a duration", "write a number with s, m, h, d or w, e.g. 30d or 12h");
}

}  // namespace eorun
