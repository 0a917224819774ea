// Sentinel-2 bands of EuroSAT: the canonical order eorun reports, where each band sits inside the
// files of the two layouts, and the band selections (presets and lists).
//
//   MS layout   13-band UInt16 GeoTIFF, bands in the file: B01,B02,B03,B04,B05,B06,B07,B08,B09,
//               B10,B11,B12,B8A (B8A is LAST, after B12)
//   RGB layout  8-bit JPEG, channels 1, 2, 3 = red B04, green B03, blue B02
#pragma once

#include <string>
#include <vector>

namespace eorun::eurosat {

// Which of the two published layouts is read (dataset.format).
enum class Format { ms, rgb };

inline constexpr int kPatchSize = 64;    // pixels per side, both layouts
inline constexpr int kResolutionM = 10;  // every band is delivered on the 10 m grid
inline constexpr int kMsFileBands = 13;
inline constexpr int kRgbFileBands = 3;

// "ms" or "rgb" to a Format; throws eorun::Error (subject "dataset.format") otherwise.
Format format_from_text(const std::string& text);
const char* format_name(Format format);

// The 13 bands in eorun's canonical order: B01,B02,B03,B04,B05,B06,B07,B08,B8A,B09,B10,B11,B12.
const std::vector<std::string>& canonical_bands();
// The bands in the order they are stored in a file of `format` (band 1 first).
const std::vector<std::string>& file_bands(Format format);
// The 1-based band number of `name` inside a file of `format`, or 0 when the file has no such
// band (e.g. B8A -> 13 in the MS layout, B04 -> 1 in the RGB layout).
int file_band(Format format, const std::string& name);

// The selected bands in channel order, from dataset.bands: a preset ("all": every band of the
// layout in canonical order, i.e. the 13 bands for "ms" and B04,B03,B02 for "rgb"; "ms": the 13
// bands; "rgb": B04,B03,B02) or a list of names. Throws eorun::Error (subject "dataset.bands")
// for an unknown preset or name, an empty list, a band listed twice, or a band the layout does
// not hold (the RGB layout holds only B04, B03 and B02).
std::vector<std::string> select_bands(const std::string& preset, Format format);
std::vector<std::string> select_bands(const std::vector<std::string>& names, Format format);

}  // namespace eorun::eurosat
