// SEN12MS bands: where each one lives (the s1 or the s2 file of a triplet, and which band of it),
// the input presets, and the published normalisation constants of the reference training script.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "eorun/dataset.hpp"

namespace eorun::sen12ms {

// The three files of a triplet: Sentinel-1 (VV, VH), Sentinel-2 (13 bands), land cover (IGBP).
enum class Modality { s1, s2, lc };

// "s1", "s2" or "lc", as in SEN12MS folder and file names.
std::string_view modality_name(Modality modality);

inline constexpr int kS1Bands = 2;   // VV, VH; Float32 dB
inline constexpr int kS2Bands = 13;  // UInt16 Level-1C digital numbers
inline constexpr int kLcBands = 4;   // IGBP, LCCS land cover, land use, surface hydrology
inline constexpr double kResolutionMetres = 10;  // every file of a triplet is on the 10 m grid

struct Band {
  std::string_view name;  // "B01" ... "B12", "B8A", "VV", "VH"
  Modality modality;      // the file that holds it
  int index;              // 1-based band of that file
};

// The 13 Sentinel-2 bands in the order of the s2 file (B01..B08, B8A, B09, B10, B11, B12: B8A is
// the 9th band, unlike EuroSAT where it is the 13th), then the two Sentinel-1 bands VV, VH.
const std::vector<Band>& all_bands();

// The band called `name`, or null when there is none.
const Band* find_band(std::string_view name);

// The bands a dataset serves, in channel order, and the name of their input group: "s2" when
// they all come from the s2 file, "s1" when they all come from the s1 file, else "s1s2".
struct BandSelection {
  std::vector<std::string> bands;
  std::string group;
};

// Presets: "s2" (the reference code's 10 bands B02,B03,B04,B05,B06,B07,B08,B8A,B11,B12), "s1"
// (VV,VH), "s1s2" (those 10, then VV,VH), "rgb" (B04,B03,B02, eorun's red-green-blue order),
// "rgb_reference" (B02,B03,B04, the order of the reference code) and "s2_all" (all 13 in file
// order). Throws eorun::Error (subject "dataset.bands") for any other name.
BandSelection bands_from_preset(const std::string& preset);

// An explicit list of names, kept in the user's order. Throws eorun::Error (subject
// "dataset.bands") for an empty list, an unknown name (listing the valid ones) or a repeat.
BandSelection bands_from_list(const std::vector<std::string>& names);

// Whether any of `bands` (valid names) comes from the file of `modality`.
bool reads(const std::vector<std::string>& bands, Modality modality);

// The reference training script's z-score constants for `bands` in channel order (raw s2 digital
// numbers; s1 dB after NaN -> 0 and clipping to [-25, 0]), or empty stats when one of the bands
// (B01, B09, B10) has none.
ReferenceStats reference_stats(const std::vector<std::string>& bands);

}  // namespace eorun::sen12ms
