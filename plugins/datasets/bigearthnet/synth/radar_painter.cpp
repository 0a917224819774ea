#include "synth/radar_painter.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "support/synth_random.hpp"

namespace eorun::bigearthnet {

namespace {

constexpr int kLooks = 4;                 // speckle of a 4-look intensity image
constexpr double kOffsetDb = 1.0;         // per-patch class offset, +- dB
constexpr double kFloorIntensity = 1e-6;  // -60 dB: keeps log10 finite

// Multiplicative speckle: the mean of kLooks unit exponentials (a gamma variate of mean 1).
double speckle(support::Random& random) {
  double sum = 0.0;
  for (int look = 0; look < kLooks; ++look) sum -= std::log(1.0 - random.uniform());
  return sum / kLooks;
}

}  // namespace

RadarPatch paint_radar(const PaintedPatch& patch, std::uint64_t seed) {
  support::Random random(seed);
  std::array<double, kSynthClassCount> offset{};
  for (int c : patch.classes) offset[static_cast<std::size_t>(c)] = random.uniform(-kOffsetDb, kOffsetDb);

  RadarPatch radar;
  radar.vv.resize(patch.cover.size());
  radar.vh.resize(patch.cover.size());
  for (std::size_t i = 0; i < patch.cover.size(); ++i) {
    const std::size_t c = patch.cover[i];
    const std::array<double, 2>& level = synth_classes()[c].backscatter_db;
    const double vv = std::pow(10.0, (level[0] + offset[c]) / 10.0) * speckle(random);
    const double vh = std::pow(10.0, (level[1] + offset[c]) / 10.0) * speckle(random);
    radar.vv[i] = static_cast<float>(10.0 * std::log10(std::max(vv, kFloorIntensity)));
    radar.vh[i] = static_cast<float>(10.0 * std::log10(std::max(vh, kFloorIntensity)));
  }
  return radar;
}

}  // namespace eorun::bigearthnet
