#include "sweep/sweep_random.hpp"

#include <cmath>

#include "eorun/error.hpp"

namespace eorun {

std::uint64_t SweepRandom::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

double SweepRandom::uniform01() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

nlohmann::json SweepRandom::draw(const nlohmann::json& distribution, const std::string& where) {
  if (distribution.is_array() && !distribution.empty())
    return distribution[next() % distribution.size()];
  const std::string kind = distribution.is_object() ? distribution.value("__eorun", "") : "";
  if (kind == "choice") {
    const nlohmann::json& values = distribution.at("values");
    return values[next() % values.size()];
  }
  if (kind == "uniform") {
    const double low = distribution.at("low").get<double>();
    const double high = distribution.at("high").get<double>();
    return low + (high - low) * uniform01();
  }
  if (kind == "loguniform") {
    const double low = std::log(distribution.at("low").get<double>());
    const double high = std::log(distribution.at("high").get<double>());
    return std::exp(low + (high - low) * uniform01());
  }
  if (kind == "int_range") {
    const std::int64_t low = distribution.at("low").get<std::int64_t>();
    const std::int64_t high = distribution.at("high").get<std::int64_t>();
    const std::uint64_t span = static_cast<std::uint64_t>(high - low) + 1;
    return low + static_cast<std::int64_t>(next() % span);
  }
  throw Error(where, "is not a distribution",
              "use choice{...}, uniform(a, b), loguniform(a, b), int_range(a, b) or a list");
}

}  // namespace eorun
