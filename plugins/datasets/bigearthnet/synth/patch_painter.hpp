// Paints one synthetic Sentinel-2 patch: picks its land-cover classes, lays them out as regions,
// and renders all 12 bands at their native BigEarthNet sizes.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "synth/synth_classes.hpp"

namespace eorun::bigearthnet {

inline constexpr int kFineSize = 120;  // the 10 m grid of a 1.2 km patch

struct PaintedPatch {
  std::vector<int> classes;  // indices into synth_classes(), sorted, 1 to 3 of them
  // One raster per band in synth_bands() order, row-major, synth_bands()[b].size squared.
  std::array<std::vector<std::uint16_t>, kSynthBands> bands;
  // The class (index into synth_classes()) of each 10 m pixel, row-major, 120 x 120: the scene
  // the bands are rendered from, which the radar painter renders too.
  std::vector<std::uint8_t> cover;
};

// Everything is drawn from `seed` alone: same seed, same patch.
//   1. 1-3 distinct classes;
//   2. each gets 1-3 seed points; a 10 m pixel belongs to the class of its nearest seed point;
//   3. a pixel's reflectance is its class signature times a per-patch class brightness
//      (0.9-1.1) times (1 + amplitude x texture), so classes differ in spectrum and in texture;
//   4. 20 m and 60 m bands average 2x2 and 6x6 blocks of that 10 m scene (as the sensor does);
//   5. sensor noise (2 % + 15 DN, near-Gaussian) is added at the native size, then values are
//      rounded and clamped to UInt16 [1, 65535].
PaintedPatch paint_patch(std::uint64_t seed);

}  // namespace eorun::bigearthnet
