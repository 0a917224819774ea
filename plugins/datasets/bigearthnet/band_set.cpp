#include "band_set.hpp"

#include <algorithm>

#include "eorun/error.hpp"

namespace eorun::bigearthnet {

namespace {

constexpr const char* kBandsKey = "dataset.bands";
constexpr int kS2Resolutions[] = {10, 20, 60};  // metres, in group order
constexpr const char* kReferenceSource = "BigEarthNet reference code (12-band z-score constants)";
constexpr const char* kPresets =
    "\"rgb\" (B04,B03,B02), \"ms\" or \"s2\" (the 12 S2 bands), \"s1\" (VV,VH), \"s1s2\" (the "
    "12 S2 bands, then VV,VH)";

std::vector<std::string> names_of(const std::vector<Band>& bands) {
  std::vector<std::string> names;
  for (const Band& band : bands) names.emplace_back(band.name);
  return names;
}

}  // namespace

const std::vector<Band>& canonical_bands() {
  // Means and standard deviations: DOMAIN.md, "Per-band z-score constants used by the
  // BigEarthNet reference code".
  static const std::vector<Band> bands = {
      {"B01", 20, Sensor::s2, 340.76769064, 554.81258967},
      {"B02", 120, Sensor::s2, 429.9430203, 572.41639287},
      {"B03", 120, Sensor::s2, 614.21682446, 582.87945694},
      {"B04", 120, Sensor::s2, 590.23569706, 675.88746967},
      {"B05", 60, Sensor::s2, 950.68368468, 729.89827633},
      {"B06", 60, Sensor::s2, 1792.46290469, 1096.01480586},
      {"B07", 60, Sensor::s2, 2075.46795189, 1273.45393088},
      {"B08", 120, Sensor::s2, 2218.94553375, 1365.45589904},
      {"B8A", 60, Sensor::s2, 2266.46036911, 1356.13789355},
      {"B09", 20, Sensor::s2, 2246.0605464, 1302.3292881},
      {"B11", 60, Sensor::s2, 1594.42694882, 1079.19066363},
      {"B12", 60, Sensor::s2, 1009.32729131, 818.86747235},
  };
  return bands;
}

const std::vector<Band>& radar_bands() {
  static const std::vector<Band> bands = {{"VV", kPatchSize, Sensor::s1}, {"VH", kPatchSize, Sensor::s1}};
  return bands;
}

std::string canonical_band_list() {
  std::string out;
  for (const Band& band : canonical_bands()) out += (out.empty() ? "" : ",") + std::string(band.name);
  return out;
}

const Band* find_band(std::string_view name) {
  for (const auto* list : {&canonical_bands(), &radar_bands()})
    for (const Band& band : *list)
      if (band.name == name) return &band;
  return nullptr;
}

bool is_radar(std::string_view name) {
  const Band* band = find_band(name);
  return band != nullptr && band->radar();
}

bool has_radar(const std::vector<std::string>& bands) {
  return std::any_of(bands.begin(), bands.end(), [](const std::string& b) { return is_radar(b); });
}

std::vector<std::string> bands_from_preset(const std::string& preset) {
  if (preset == "rgb") return {"B04", "B03", "B02"};
  if (preset == "ms" || preset == "s2") return names_of(canonical_bands());
  if (preset == "s1") return names_of(radar_bands());
  if (preset == "s1s2") {
    std::vector<std::string> names = names_of(canonical_bands());
    for (const std::string& radar : names_of(radar_bands())) names.push_back(radar);
    return names;
  }
  throw Error(kBandsKey, "unknown preset '" + preset + "'",
              std::string("use ") + kPresets + " or a list of band names");
}

std::vector<std::string> bands_from_list(const std::vector<std::string>& names) {
  if (names.empty())
    throw Error(kBandsKey, "the band list is empty",
                "list at least one of " + canonical_band_list() + ",VV,VH, or use a preset: " +
                    kPresets);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (find_band(names[i]) == nullptr)
      throw Error(kBandsKey, "unknown band '" + names[i] + "'",
                  "valid bands of BigEarthNet: Sentinel-2 " + canonical_band_list() +
                      " (B10 is not in Level-2A products) and Sentinel-1 VV,VH");
    if (std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), names[i]) !=
        names.begin() + static_cast<std::ptrdiff_t>(i))
      throw Error(kBandsKey, "band '" + names[i] + "' is listed twice", "list each band once");
  }
  return names;
}

std::vector<BandGroup> native_groups(const std::vector<std::string>& bands) {
  bands_from_list(bands);  // every name is a BigEarthNet band
  std::vector<BandGroup> groups;
  for (int resolution : kS2Resolutions) {
    BandGroup group{"s2_" + std::to_string(resolution) + "m", resolution,
                    kPatchMetres / resolution, {}};
    for (const std::string& name : bands) {
      const Band* band = find_band(name);
      if (!band->radar() && band->resolution_m() == resolution) group.bands.push_back(name);
    }
    if (!group.bands.empty()) groups.push_back(std::move(group));
  }
  BandGroup radar{"s1", kPatchMetres / kPatchSize, kPatchSize, {}};
  for (const std::string& name : bands)
    if (is_radar(name)) radar.bands.push_back(name);
  if (!radar.bands.empty()) groups.push_back(std::move(radar));
  return groups;
}

BandGroup resampled_group(const std::vector<std::string>& bands) {
  bands_from_list(bands);
  const bool radar = has_radar(bands);
  const bool optical = !std::all_of(bands.begin(), bands.end(),
                                    [](const std::string& b) { return is_radar(b); });
  return {radar ? (optical ? "s1s2" : "s1") : "s2", kPatchMetres / kPatchSize, kPatchSize, bands};
}

ReferenceStats reference_stats(const std::vector<std::string>& band_names) {
  ReferenceStats stats;
  if (band_names.empty() || has_radar(band_names)) return stats;
  for (const std::string& name : band_names) {
    const Band* band = find_band(name);
    if (band == nullptr) return {};
    stats.mean.push_back(band->reference_mean);
    stats.std.push_back(band->reference_std);
  }
  stats.source = kReferenceSource;
  return stats;
}

}  // namespace eorun::bigearthnet
