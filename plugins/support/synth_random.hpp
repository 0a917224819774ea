// Random numbers for synthetic data (synth hooks, the synthetic dataset), the same everywhere.
//
// std::mt19937_64 is fully specified by the standard, but std::uniform_*_distribution,
// std::normal_distribution and std::shuffle are not (libstdc++ and libc++ differ), so the
// generator draws through these helpers only. Same seed => same files, everywhere.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace eorun::support {

// SplitMix64 finaliser: decorrelates nearby seeds (seed, seed + 1, ...) into independent streams.
inline std::uint64_t mix_seed(std::uint64_t value) {
  value += 0x9E3779B97F4A7C15ULL;
  value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ULL;
  value = (value ^ (value >> 27)) * 0x94D049BB133111EBULL;
  return value ^ (value >> 31);
}

// The stream for item `index` of the purpose `stream` under the user's `seed`.
inline std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
  return mix_seed(mix_seed(mix_seed(seed) ^ stream) ^ index);
}

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double uniform(double low, double high) { return low + (high - low) * uniform(); }
  // Uniform integer in [0, n), n > 0 (multiply-shift; bias below 2^-64 * n).
  std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(engine_()) * n) >> 64);
  }
  // Standard normal (Box-Muller, one value per call).
  double normal() {
    double u1 = uniform();
    double u2 = uniform();
    return std::sqrt(-2.0 * std::log(1.0 - u1)) * std::cos(6.283185307179586 * u2);
  }
  // Approximately standard normal, cheap: the centred sum of four 16-bit uniforms from one draw
  // (Irwin-Hall; exact mean and variance, tails cut at +-3.46). Good enough for sensor noise.
  double approx_normal() {
    const std::uint64_t r = engine_();
    const double sum =
        static_cast<double>((r & 0xFFFF) + ((r >> 16) & 0xFFFF) + ((r >> 32) & 0xFFFF) + (r >> 48));
    constexpr double kMean = 4 * 32767.5;
    constexpr double kDeviation = 37837.23;  // sqrt(4 * (65536^2 - 1) / 12)
    return (sum - kMean) / kDeviation;
  }
  // Fisher-Yates shuffle.
  template <typename T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[below(i)]);
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace eorun::support
