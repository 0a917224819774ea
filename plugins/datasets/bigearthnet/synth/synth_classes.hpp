// The land-cover classes the synthetic generator paints, with what makes each one learnable:
// a reflectance signature over the 12 BigEarthNet bands and a spatial texture.
//
// The eight classes are frequent BigEarthNet 43-class names (byte-exact) that map to eight
// distinct 19-class names, so a patch's labels are learnable with 43 and with 19 classes.
// Part of the signal lives outside the visible bands on purpose: broad-leaved and coniferous
// forest, and pastures and transitional woodland, look alike in B04/B03/B02 and differ in the red
// edge, NIR and SWIR bands, so multispectral input beats RGB. In radar, water and built-up areas
// stand out while the crops and the forests are close to each other, so Sentinel-1 alone is
// learnable but weaker than Sentinel-2.
#pragma once

#include <array>
#include <string_view>

namespace eorun::bigearthnet {

inline constexpr int kSynthBands = 12;  // B01,B02,B03,B04,B05,B06,B07,B08,B8A,B09,B11,B12

// Canonical band names and their native size in pixels (120 for 10 m, 60 for 20 m, 20 for 60 m).
struct SynthBand {
  std::string_view name;
  int size;
};
const std::array<SynthBand, kSynthBands>& synth_bands();

enum class Texture {
  smooth,   // almost uniform (water, pasture)
  stripes,  // field furrows in one direction (arable land)
  parcels,  // a patchwork of small fields of different brightness (complex cultivation)
  grain,    // strong pixel-scale variation (built-up areas)
  canopy,   // mild pixel-scale variation (forest, shrub)
};

struct SynthClass {
  std::string_view name;                        // BigEarthNet 43-class name, byte-exact
  std::array<double, kSynthBands> reflectance;  // digital numbers (reflectance x 10000)
  Texture texture;
  double texture_amplitude;  // relative, 0..1
  // Sentinel-1 backscatter in dB, VV then VH (see radar_painter.hpp).
  std::array<double, 2> backscatter_db;
};

inline constexpr int kSynthClassCount = 8;
// In BigEarthNet's 43-class order (so a patch's label list, sorted by index, is in that order).
const std::array<SynthClass, kSynthClassCount>& synth_classes();

}  // namespace eorun::bigearthnet
