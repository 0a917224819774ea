#include "eurosat_bands.hpp"

#include <algorithm>

#include "eorun/error.hpp"

namespace eorun::eurosat {

namespace {

constexpr const char* kBandsKey = "dataset.bands";

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ",") + name;
  return out;
}

}  // namespace

Format format_from_text(const std::string& text) {
  if (text == "ms") return Format::ms;
  if (text == "rgb") return Format::rgb;
  throw Error("dataset.format", "unknown layout '" + text + "'",
              "use \"ms\" (13-band GeoTIFFs) or \"rgb\" (RGB JPEGs)");
}

const char* format_name(Format format) { return format == Format::ms ? "ms" : "rgb"; }

const std::vector<std::string>& canonical_bands() {
  static const std::vector<std::string> bands = {"B01", "B02", "B03", "B04", "B05", "B06", "B07",
                                                 "B08", "B8A", "B09", "B10", "B11", "B12"};
  return bands;
}

const std::vector<std::string>& file_bands(Format format) {
  static const std::vector<std::string> ms = {"B01", "B02", "B03", "B04", "B05", "B06", "B07",
                                              "B08", "B09", "B10", "B11", "B12", "B8A"};
  static const std::vector<std::string> rgb = {"B04", "B03", "B02"};
  return format == Format::ms ? ms : rgb;
}

int file_band(Format format, const std::string& name) {
  const std::vector<std::string>& bands = file_bands(format);
  const auto it = std::find(bands.begin(), bands.end(), name);
  return it == bands.end() ? 0 : static_cast<int>(it - bands.begin()) + 1;
}

std::vector<std::string> select_bands(const std::string& preset, Format format) {
  if (preset == "rgb") return {"B04", "B03", "B02"};
  if (preset == "all" && format == Format::rgb) return file_bands(Format::rgb);
  if (preset == "all" || preset == "ms") return select_bands(canonical_bands(), format);
  throw Error(kBandsKey, "unknown preset '" + preset + "'",
              "use \"all\" (every band of the layout), \"ms\" (" + join(canonical_bands()) +
                  "), \"rgb\" (B04,B03,B02) or a list of band names");
}

std::vector<std::string> select_bands(const std::vector<std::string>& names, Format format) {
  if (names.empty())
    throw Error(kBandsKey, "the band list is empty",
                "list at least one of " + join(file_bands(format)) + ", or use a preset");
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string& name = names[i];
    if (std::find(canonical_bands().begin(), canonical_bands().end(), name) ==
        canonical_bands().end())
      throw Error(kBandsKey, "unknown band '" + name + "'",
                  "EuroSAT's Sentinel-2 bands are " + join(canonical_bands()));
    if (file_band(format, name) == 0)
      throw Error(kBandsKey,
                  "band '" + name +
                      "' is not in the RGB layout, whose JPEGs hold only B04, B03 "
                      "and B02",
                  "select among B04,B03,B02 (bands = \"rgb\"), or read the 13-band GeoTIFFs with "
                  "format = \"ms\"");
    if (std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), name) !=
        names.begin() + static_cast<std::ptrdiff_t>(i))
      throw Error(kBandsKey, "band '" + name + "' is listed twice", "list each band once");
  }
  return names;
}

}  // namespace eorun::eurosat
