// Paints the Sentinel-1 partner of a synthetic Sentinel-2 patch: the same land-cover scene seen
// by a C-band radar, VV and VH backscatter in dB at 10 m (120 x 120), as BigEarthNet-S1 stores
// it (Float32).
#pragma once

#include <cstdint>
#include <vector>

#include "synth/patch_painter.hpp"

namespace eorun::bigearthnet {

struct RadarPatch {
  std::vector<float> vv;  // dB, row-major, 120 x 120
  std::vector<float> vh;
};

// Everything is drawn from `seed` alone: same patch and seed, same radar patch.
//   1. each class of the patch gets a per-patch offset of -1..1 dB on its backscatter signature
//      (SynthClass::backscatter_db), the same in VV and VH;
//   2. each pixel's intensity is that level times 4-look speckle (the mean of four unit
//      exponentials, drawn independently for VV and VH), converted to dB.
RadarPatch paint_radar(const PaintedPatch& patch, std::uint64_t seed);

}  // namespace eorun::bigearthnet
