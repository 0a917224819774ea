// Sentinel-2 bands of BigEarthNet v1.0: names, canonical order, presets, native sizes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace eorun::bigearthnet {

// Side of every input channel after resampling (the 10 m grid of a 1.2 km patch).
inline constexpr int kPatchSize = 120;
// Side of a patch on the ground, in metres.
inline constexpr int kPatchMetres = 1200;

// One band as stored in a patch folder (`<patch>_<name>.tif`).
struct Band {
  std::string_view name;  // "B01" ... "B12", "B8A"
  int native_size;        // pixels per side on disk: 120 (10 m), 60 (20 m) or 20 (60 m)

  // Ground size of one pixel on disk, in metres: 10, 20 or 60.
  int resolution_m() const { return kPatchMetres / native_size; }
};

// Bands delivered together as one input group, at one resolution and size: all selected bands
// resampled to the 10 m grid ("s2"), or, when nothing is resampled (dataset.resample = "none"),
// the selected bands of one native resolution ("s2_10m", "s2_20m", "s2_60m").
struct BandGroup {
  std::string name;
  int resolution_m = 0;            // 10, 20 or 60
  int size = 0;                    // pixels per side: 120, 60 or 20
  std::vector<std::string> bands;  // in the order of the selection
};

// The 12 bands of a BigEarthNet v1.0 patch in canonical order
// B01,B02,B03,B04,B05,B06,B07,B08,B8A,B09,B11,B12 (B10 is absent from Level-2A).
const std::vector<Band>& canonical_bands();

// "B01,B02,...,B12" (for messages).
std::string canonical_band_list();

// The band called `name`, or null when it is not one of the 12.
const Band* find_band(std::string_view name);

// Preset "rgb" = B04,B03,B02 (red, green, blue); "ms" = the 12 bands in canonical order.
// Throws eorun::Error (subject "dataset.bands") for any other preset name.
std::vector<std::string> bands_from_preset(const std::string& preset);

// An explicit list, kept in the user's order. Throws eorun::Error (subject "dataset.bands") for
// an empty list, an unknown name (listing the valid ones) or a band given twice.
std::vector<std::string> bands_from_list(const std::vector<std::string>& names);

// `bands` (valid names) split by native resolution: the 10 m group, then 20 m, then 60 m, each
// in the order of `bands`. A resolution without a selected band has no group, so "rgb" gives the
// 10 m group alone and "ms" gives B02,B03,B04,B08 / B05,B06,B07,B8A,B11,B12 / B01,B09.
std::vector<BandGroup> native_groups(const std::vector<std::string>& bands);

}  // namespace eorun::bigearthnet
