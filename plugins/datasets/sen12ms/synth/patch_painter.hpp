// Paints one synthetic SEN12MS triplet: a land-cover map of a few IGBP classes of the scene, and
// the Sentinel-2 and Sentinel-1 images that show it.
#pragma once

#include <cstdint>
#include <vector>

namespace eorun::sen12ms {

struct PaintedTriplet {
  // Band-major, size x size pixels per band, in file order.
  std::vector<std::uint16_t> lc;  // 4 bands: IGBP code (1..17), then LCCS placeholders
  std::vector<std::uint16_t> s2;  // 13 bands, digital numbers in [1, 65535]
  std::vector<float> s1;          // VV, VH in dB, a few pixels NaN as in the archive
};

// Everything is drawn from `seed` alone: same arguments, same triplet.
//   1. 1-3 distinct classes of `palette` (the scene's IGBP codes);
//   2. 2-5 seed points, each class owning at least one; a pixel takes the class of its nearest
//      seed point (regions of very different sizes, so shares straddle the 0.1 threshold);
//   3. s2: the class's look (synth_look.hpp) times a per-patch class brightness (0.92-1.08),
//      with 3 % texture and 10 DN noise, rounded and clamped to [1, 65535];
//   4. s1: the class's backscatter with 1.5 dB speckle; 1-3 pixels set to NaN;
//   5. lc band 1: the class; bands 2-4: placeholders for the LCCS layers (the code x 10, plus
//      10, 20 and 30), which the reader ignores.
PaintedTriplet paint_triplet(std::uint64_t seed, int size, const std::vector<int>& palette);

}  // namespace eorun::sen12ms
