#include "band_set.hpp"

#include <algorithm>

#include "eorun/error.hpp"

namespace eorun::sen12ms {

namespace {

constexpr const char* kBandsKey = "dataset.bands";
constexpr const char* kReferenceSource = "SEN12MS reference training script";
constexpr const char* kPresetHelp =
    "use \"s2\" (B02,B03,B04,B05,B06,B07,B08,B8A,B11,B12), \"s1\" (VV,VH), \"s1s2\" (the s2 "
    "bands then VV,VH), \"rgb\" (B04,B03,B02), \"rgb_reference\" (B02,B03,B04), \"s2_all\" (all "
    "13) or a list of band names";

struct Constant {
  std::string_view band;
  double mean;
  double std;
};

// Published with the SEN12MS classification code (10-band s2 order, then s1).
constexpr Constant kReferenceConstants[] = {
    {"B02", 1226.4215, 741.6254},   {"B03", 1137.3799, 740.883},
    {"B04", 1139.6792, 960.1045},   {"B05", 1350.9973, 946.76056},
    {"B06", 1932.9058, 985.52747},  {"B07", 2211.1584, 1082.4341},
    {"B08", 2154.9846, 1057.7628},  {"B8A", 2409.1128, 1136.1942},
    {"B11", 2001.8622, 1132.7898},  {"B12", 1356.0801, 991.48016},
    {"VV", -11.76858, 4.525339},    {"VH", -18.294598, 4.3586307},
};

std::string band_list() {
  std::string out;
  for (const Band& band : all_bands()) out += (out.empty() ? "" : ",") + std::string(band.name);
  return out;
}

std::string group_name(const std::vector<std::string>& bands) {
  const bool s1 = reads(bands, Modality::s1);
  const bool s2 = reads(bands, Modality::s2);
  return s1 && s2 ? "s1s2" : s1 ? "s1" : "s2";
}

}  // namespace

std::string_view modality_name(Modality modality) {
  switch (modality) {
    case Modality::s1: return "s1";
    case Modality::s2: return "s2";
    case Modality::lc: return "lc";
  }
  return "?";
}

const std::vector<Band>& all_bands() {
  static const std::vector<Band> bands = {
      {"B01", Modality::s2, 1},  {"B02", Modality::s2, 2},  {"B03", Modality::s2, 3},
      {"B04", Modality::s2, 4},  {"B05", Modality::s2, 5},  {"B06", Modality::s2, 6},
      {"B07", Modality::s2, 7},  {"B08", Modality::s2, 8},  {"B8A", Modality::s2, 9},
      {"B09", Modality::s2, 10}, {"B10", Modality::s2, 11}, {"B11", Modality::s2, 12},
      {"B12", Modality::s2, 13}, {"VV", Modality::s1, 1},   {"VH", Modality::s1, 2},
  };
  return bands;
}

const Band* find_band(std::string_view name) {
  for (const Band& band : all_bands())
    if (band.name == name) return &band;
  return nullptr;
}

BandSelection bands_from_preset(const std::string& preset) {
  const std::vector<std::string> s2 = {"B02", "B03", "B04", "B05", "B06",
                                       "B07", "B08", "B8A", "B11", "B12"};
  std::vector<std::string> bands;
  if (preset == "s2") {
    bands = s2;
  } else if (preset == "s1") {
    bands = {"VV", "VH"};
  } else if (preset == "s1s2") {
    bands = s2;
    bands.insert(bands.end(), {"VV", "VH"});
  } else if (preset == "rgb") {
    bands = {"B04", "B03", "B02"};
  } else if (preset == "rgb_reference") {
    bands = {"B02", "B03", "B04"};
  } else if (preset == "s2_all") {
    for (const Band& band : all_bands())
      if (band.modality == Modality::s2) bands.emplace_back(band.name);
  } else {
    throw Error(kBandsKey, "unknown preset '" + preset + "'", kPresetHelp);
  }
  return {bands, group_name(bands)};
}

BandSelection bands_from_list(const std::vector<std::string>& names) {
  if (names.empty())
    throw Error(kBandsKey, "the band list is empty",
                "list at least one of " + band_list() + ", or " + kPresetHelp);
  for (auto it = names.begin(); it != names.end(); ++it) {
    if (find_band(*it) == nullptr)
      throw Error(kBandsKey, "unknown band '" + *it + "'",
                  "valid SEN12MS bands: " + band_list() + " (s2 in file order, then s1)");
    if (std::find(names.begin(), it, *it) != it)
      throw Error(kBandsKey, "band '" + *it + "' is listed twice", "list each band once");
  }
  return {names, group_name(names)};
}

bool reads(const std::vector<std::string>& bands, Modality modality) {
  return std::any_of(bands.begin(), bands.end(), [modality](const std::string& name) {
    const Band* band = find_band(name);
    return band != nullptr && band->modality == modality;
  });
}

ReferenceStats reference_stats(const std::vector<std::string>& bands) {
  if (bands.empty()) return {};
  ReferenceStats stats;
  for (const std::string& name : bands) {
    const auto* constant =
        std::find_if(std::begin(kReferenceConstants), std::end(kReferenceConstants),
                     [&name](const Constant& c) { return c.band == name; });
    if (constant == std::end(kReferenceConstants)) return {};
    stats.mean.push_back(constant->mean);
    stats.std.push_back(constant->std);
  }
  stats.source = kReferenceSource;
  return stats;
}

}  // namespace eorun::sen12ms
