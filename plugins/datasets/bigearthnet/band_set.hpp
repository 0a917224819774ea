// Bands of BigEarthNet: the 12 Sentinel-2 bands and the 2 Sentinel-1 polarisations, their
// canonical order, presets, native sizes, input groups and published normalisation constants.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "eorun/dataset.hpp"

namespace eorun::bigearthnet {

// Side of every input channel after resampling (the 10 m grid of a 1.2 km patch).
inline constexpr int kPatchSize = 120;
// Side of a patch on the ground, in metres.
inline constexpr int kPatchMetres = 1200;

enum class Sensor { s2, s1 };

// One band as stored in a patch folder (`<patch>_<name>.tif`).
struct Band {
  std::string_view name;  // "B01" ... "B12", "B8A", "VV", "VH"
  int native_size;        // pixels per side on disk: 120 (10 m), 60 (20 m) or 20 (60 m)
  Sensor sensor;          // S2 bands are UInt16 digital numbers, S1 bands Float32 dB
  // The BigEarthNet reference code's z-score constants of the band (raw DN); 0 when none are
  // published (VV, VH).
  double reference_mean = 0;
  double reference_std = 0;

  // Ground size of one pixel on disk, in metres: 10, 20 or 60.
  int resolution_m() const { return kPatchMetres / native_size; }
  bool radar() const { return sensor == Sensor::s1; }
};

// Bands delivered together as one input group, at one resolution and size (see input_groups).
struct BandGroup {
  std::string name;
  int resolution_m = 0;            // 10, 20 or 60
  int size = 0;                    // pixels per side: 120, 60 or 20
  std::vector<std::string> bands;  // in the order of the selection
};

// The 12 bands of a BigEarthNet Sentinel-2 patch in canonical order
// B01,B02,B03,B04,B05,B06,B07,B08,B8A,B09,B11,B12 (B10 is absent from Level-2A).
const std::vector<Band>& canonical_bands();
// The 2 bands of a Sentinel-1 patch in eorun's canonical order VV,VH (TorchGeo loads VH,VV).
const std::vector<Band>& radar_bands();

// "B01,B02,...,B12" (for messages).
std::string canonical_band_list();

// The band called `name` (one of the 12 S2 bands, VV or VH), or null.
const Band* find_band(std::string_view name);
// Whether `name` is VV or VH.
bool is_radar(std::string_view name);
// Whether any of `bands` is VV or VH.
bool has_radar(const std::vector<std::string>& bands);

// Presets: "rgb" = B04,B03,B02 (red, green, blue); "ms" and "s2" = the 12 S2 bands in canonical
// order; "s1" = VV,VH; "s1s2" = the 12 S2 bands, then VV,VH. Throws eorun::Error (subject
// "dataset.bands") for any other preset name.
std::vector<std::string> bands_from_preset(const std::string& preset);

// An explicit list, kept in the user's order. Throws eorun::Error (subject "dataset.bands") for
// an empty list, an unknown name (listing the valid ones) or a band given twice.
std::vector<std::string> bands_from_list(const std::vector<std::string>& names);

// `bands` (valid names) split by native resolution: the S2 10 m group "s2_10m", then "s2_20m",
// then "s2_60m", each in the order of `bands`, then the radar group "s1" (VV/VH, 120 px, 10 m). A
// group without a selected band is left out, so "rgb" gives "s2_10m" alone and "ms" gives
// B02,B03,B04,B08 / B05,B06,B07,B8A,B11,B12 / B01,B09.
std::vector<BandGroup> native_groups(const std::vector<std::string>& bands);

// All of `bands` (valid names) resampled to the 10 m grid as one group of 120x120 in the order of
// `bands`, named after what it holds: "s2" (S2 bands only), "s1" (radar only) or "s1s2" (both).
BandGroup resampled_group(const std::vector<std::string>& bands);

// The BigEarthNet reference code's per-band z-score constants (raw DN) for `band_names` in that
// order, when every one is an S2 band; empty when any is VV or VH (none are published).
ReferenceStats reference_stats(const std::vector<std::string>& band_names);

}  // namespace eorun::bigearthnet
