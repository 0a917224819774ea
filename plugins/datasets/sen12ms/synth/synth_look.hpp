// What each IGBP class looks like in the synthetic copy: a Sentinel-2 signature over the 13 bands
// of the s2 file and a Sentinel-1 backscatter, so a patch's land-cover labels are learnable from
// its pixels (from s2, from s1, and best from both).
//
// The ten simplified classes have distinct signatures (vegetation differs from soil and water
// mostly in the red edge, NIR and SWIR bands, so the 10-band input beats RGB); the IGBP classes
// merged into one simplified class differ from each other in brightness, so the 17-class task is
// learnable too.
#pragma once

#include <array>

#include "band_set.hpp"
#include "igbp.hpp"

namespace eorun::sen12ms {

struct SynthLook {
  std::array<double, kS2Bands> s2;  // digital numbers (TOA reflectance x 10000), s2 file order
  double vv_db;                     // mean backscatter
  double vh_db;
};

// The look of IGBP code `igbp` (1..17).
SynthLook synth_look(int igbp);

}  // namespace eorun::sen12ms
