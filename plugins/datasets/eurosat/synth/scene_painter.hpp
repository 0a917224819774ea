// Paints one synthetic EuroSAT scene: a 64x64 Sentinel-2 patch of one class, as the 13-band
// GeoTIFF of the MS layout (B8A last) and the 8-bit RGB image of the RGB layout.
//
// Each class has a reflectance signature over the 13 bands and a spatial pattern, so labels are
// learnable from the pixels: field stripes (AnnualCrop), tree-row dots (PermanentCrop), a road
// across a meadow (Highway), a winding river through forest (River), blocks (Industrial), fine
// grain (Residential), mild canopy texture (Forest), nearly uniform surfaces (HerbaceousVegetation,
// Pasture, SeaLake). Part of the signal is outside the visible bands on purpose: Pasture and
// HerbaceousVegetation, and AnnualCrop and PermanentCrop, look alike in B04/B03/B02 and differ in
// the red edge, NIR and SWIR bands, so multispectral input beats RGB.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace eorun::eurosat {

inline constexpr int kSynthBands = 13;

struct PaintedScene {
  // 13 x 64 x 64 digital numbers, band-major in the MS file's band order (B01..B08, B09, B10,
  // B11, B12, B8A), UInt16 in [1, 65535].
  std::vector<std::uint16_t> ms;
  // 3 x 64 x 64 bytes: red B04, green B03, blue B02 of the same scene, to_rgb_byte of each value.
  std::vector<std::uint8_t> rgb;
};

// The scene of class `class_index` (0..9, EuroSAT order) drawn from `seed` alone.
PaintedScene paint_scene(int class_index, std::uint64_t seed);

// A digital number as an 8-bit RGB value: round(dn * 255 / 2800), clamped to [0, 255] (the
// visible bands of a EuroSAT scene stay below about 2800 DN).
std::uint8_t to_rgb_byte(double dn);

// The reflectance signature of class `class_index` in eorun's canonical band order (B01..B08,
// B8A, B09, B10, B11, B12), digital numbers.
const std::array<double, kSynthBands>& class_signature(int class_index);

}  // namespace eorun::eurosat
