// The sweep's random sampler: a fixed algorithm (SplitMix64) and fixed formulas, so a seed gives
// the same samples with every compiler and standard library (std:: distributions do not promise it).
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace eorun {

class SweepRandom {
 public:
  explicit SweepRandom(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next();
  double uniform01();  // [0, 1) with 53 random bits

  // One value from a distribution made by choice/uniform/loguniform/int_range (or a plain list,
  // read as a choice). Throws eorun::Error naming `where` for anything else.
  nlohmann::json draw(const nlohmann::json& distribution, const std::string& where);

 private:
  std::uint64_t state_;
};

}  // namespace eorun
