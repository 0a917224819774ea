// Names and paths of SEN12MS patches.
//
//   <root>/ROIs1158_spring/s2_1/ROIs1158_spring_s2_1_p30.tif
//   <root>/ROIs1158_spring/s1_1/ROIs1158_spring_s1_1_p30.tif
//   <root>/ROIs1158_spring/lc_1/ROIs1158_spring_lc_1_p30.tif
//
// A triplet is named by its s2 file; the s1 and lc files follow by replacing `_s2_` (and the
// folder `s2_<scene>`). A sample's id is the s2 file's stem, `ROIs1158_spring_s2_1_p30`; its
// scene is `ROIs1158_spring_1`.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "band_set.hpp"

namespace eorun::sen12ms {

struct PatchName {
  std::string roi;    // season folder: "ROIs1158_spring"
  std::string scene;  // scene number: "1"
  std::string patch;  // patch number: "30"

  // "ROIs1158_spring_s2_1_p30" for Modality::s2.
  std::string stem(Modality modality) const;
  // The sample id: the s2 stem.
  std::string id() const { return stem(Modality::s2); }
  // "ROIs1158_spring_1": every patch of one acquisition.
  std::string scene_key() const { return roi + "_" + scene; }
  // <root>/<roi>/<modality>_<scene>/<stem>.tif
  std::filesystem::path file(const std::filesystem::path& root, Modality modality) const;

  bool operator==(const PatchName& other) const {
    return roi == other.roi && scene == other.scene && patch == other.patch;
  }
};

// The patch an entry of a split list names: an s2 or s1 file name (`ROIs1158_spring_s2_1_p30.tif`,
// as the official lists have them, or with `_s1_`), with or without `.tif`, and with or without
// leading folders; an eorun split list's sample id is the s2 stem. Nullopt for anything else.
std::optional<PatchName> parse_patch_name(std::string_view entry);

// Whether `name` is a season folder name: "ROIs" digits "_" lower-case letters.
bool is_season_folder(std::string_view name);

}  // namespace eorun::sen12ms
