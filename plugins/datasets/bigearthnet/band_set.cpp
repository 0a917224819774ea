#include "band_set.hpp"

#include <algorithm>

#include "eorun/error.hpp"

namespace eorun::bigearthnet {

namespace {
constexpr const char* kBandsKey = "dataset.bands";
constexpr int kNativeResolutions[] = {10, 20, 60};  // metres, in group order
}

const std::vector<Band>& canonical_bands() {
  static const std::vector<Band> bands = {
      {"B01", 20}, {"B02", 120}, {"B03", 120}, {"B04", 120}, {"B05", 60}, {"B06", 60},
      {"B07", 60}, {"B08", 120}, {"B8A", 60},  {"B09", 20},  {"B11", 60}, {"B12", 60},
  };
  return bands;
}

std::string canonical_band_list() {
  std::string out;
  for (const Band& band : canonical_bands()) {
    if (!out.empty()) out += ",";
    out += band.name;
  }
  return out;
}

const Band* find_band(std::string_view name) {
  for (const Band& band : canonical_bands())
    if (band.name == name) return &band;
  return nullptr;
}

std::vector<std::string> bands_from_preset(const std::string& preset) {
  if (preset == "rgb") return {"B04", "B03", "B02"};
  if (preset == "ms") {
    std::vector<std::string> names;
    for (const Band& band : canonical_bands()) names.emplace_back(band.name);
    return names;
  }
  throw Error(
      kBandsKey, "unknown preset '" + preset + "'",
      "use \"rgb\" (B04,B03,B02), \"ms\" (" + canonical_band_list() + ") or a list of band names");
}

std::vector<std::string> bands_from_list(const std::vector<std::string>& names) {
  if (names.empty())
    throw Error(kBandsKey, "the band list is empty",
                "list at least one of " + canonical_band_list() + ", or use \"rgb\" or \"ms\"");
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (find_band(names[i]) == nullptr)
      throw Error(kBandsKey, "unknown band '" + names[i] + "'",
                  "valid bands of BigEarthNet v1.0 Sentinel-2 patches: " + canonical_band_list() +
                      " (B10 is not in Level-2A products)");
    if (std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), names[i]) !=
        names.begin() + static_cast<std::ptrdiff_t>(i))
      throw Error(kBandsKey, "band '" + names[i] + "' is listed twice", "list each band once");
  }
  return names;
}

std::vector<BandGroup> native_groups(const std::vector<std::string>& bands) {
  bands_from_list(bands);  // every name is one of the 12
  std::vector<BandGroup> groups;
  for (int resolution : kNativeResolutions) {
    BandGroup group{"s2_" + std::to_string(resolution) + "m", resolution,
                      kPatchMetres / resolution, {}};
    for (const std::string& name : bands)
      if (find_band(name)->resolution_m() == resolution) group.bands.push_back(name);
    if (!group.bands.empty()) groups.push_back(std::move(group));
  }
  return groups;
}

}  // namespace eorun::bigearthnet
