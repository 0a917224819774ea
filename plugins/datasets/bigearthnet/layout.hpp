// Where BigEarthNet keeps its files, in its two published trees:
//
//   v1.0  <root>/BigEarthNet-v1.0/<S2_PATCH>/<S2_PATCH>_<band>.tif, _labels_metadata.json
//         <root>/BigEarthNet-S1-v1.0/<S1_PATCH>/<S1_PATCH>_{VV,VH}.tif, _labels_metadata.json
//         <root>/bigearthnet-{train,val,test}.csv
//   v2    <root>/BigEarthNet-S2/<S2_TILE>/<S2_PATCH>/<S2_PATCH>_<band>.tif
//         <root>/BigEarthNet-S1/<S1_TILE>/<S1_PATCH>/<S1_PATCH>_{VV,VH}.tif
//         <root>/metadata.csv (converted from reBEN's metadata.parquet)
// with S2_TILE = the S2 patch name minus its last two tokens and S1_TILE = the S1 name minus its
// last three (patch_names.hpp).
#pragma once

#include <filesystem>
#include <string>

namespace eorun::bigearthnet {

inline constexpr int kVersion1 = 1;
inline constexpr int kVersion2 = 2;

// The archive's own folder names: "BigEarthNet-v1.0" / "BigEarthNet-S1-v1.0" for v1,
// "BigEarthNet-S2" / "BigEarthNet-S1" for v2.
const char* default_s2_folder(int version);
const char* default_s1_folder(int version);
// "BigEarthNet v1.0" or "BigEarthNet v2 (reBEN)".
std::string version_name(int version);

class Layout {
 public:
  // Checks that `root` and its S2 folder exist (`s2_folder`, `s1_folder`: "" for the version's
  // own), and the S1 folder too when `radar`. A missing folder is an eorun::Error naming it,
  // which says what `root` holds instead when it is another layout (a v2 tree read as v1, or the
  // reverse, or a patch folder given as root).
  Layout(const std::filesystem::path& root, int version, const std::string& s2_folder,
         const std::string& s1_folder, bool radar);

  int version() const { return version_; }
  const std::filesystem::path& root() const { return root_; }  // absolute, normal
  const std::filesystem::path& s2_root() const { return s2_root_; }
  const std::filesystem::path& s1_root() const { return s1_root_; }

  std::filesystem::path s2_patch_folder(const std::string& s2_patch) const;
  std::filesystem::path s1_patch_folder(const std::string& s1_patch) const;
  // <folder>/<patch>_<band>.tif, in the S1 folder for VV and VH.
  std::filesystem::path band_file(const std::string& s2_patch, const std::string& s1_patch,
                                  const std::string& band) const;
  // v1 label files.
  std::filesystem::path s2_label_file(const std::string& s2_patch) const;
  std::filesystem::path s1_label_file(const std::string& s1_patch) const;

  // Where the patch folder would be in the other version's tree, when it exists there (a tree
  // of the other layout under this version's folder names), else "". For messages.
  std::filesystem::path misplaced_s2_patch(const std::string& s2_patch) const;

 private:
  int version_;
  std::filesystem::path root_;
  std::filesystem::path s2_root_;
  std::filesystem::path s1_root_;
};

}  // namespace eorun::bigearthnet
