// The BigEarthNet v1.0 Sentinel-2 dataset: one split, multi-label, every band resampled to
// 120x120 and stacked in the requested order.
//
// Layout read (official v1.0):
//   <root>/<s2_folder>/<patch>/<patch>_<band>.tif          UInt16 GeoTIFF, 120/60/20 px
//   <root>/<s2_folder>/<patch>/<patch>_labels_metadata.json "labels": [43-class names]
//   <root>/<split file>                                      no header; S2_patch,S1_patch
// The split file is the source of truth for which patches are in the split. Every label file is
// read when the dataset is made, so a missing patch or an unknown label fails at once, not in
// the middle of an epoch.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "eorun/dataset.hpp"
#include "eorun/params.hpp"

namespace eorun::bigearthnet {

struct BigEarthNetOptions {
  std::filesystem::path root;                  // holds s2_folder and the split files
  std::string s2_folder = "BigEarthNet-v1.0";  // relative to root
  std::vector<std::string> bands;              // channel order (validated names)
  int num_classes = 19;                        // 43 or 19
  std::filesystem::path split_file;            // relative to root, or absolute
  std::string split = "train";                 // for messages and info only
};

// Options from the resolved plugin parameters (root, s2_folder, bands, classes, split_train,
// split_val, split_test) and the split the core asks for. Throws eorun::Error for a bad band
// list, class count or split name.
BigEarthNetOptions options_from_params(const Params& params, const DatasetContext& context);

class BigEarthNetDataset : public Dataset {
 public:
  // Checks the folders, reads the split file and every patch's labels. Throws eorun::Error
  // naming the folder, file or patch on any problem.
  explicit BigEarthNetDataset(BigEarthNetOptions options);

  const DatasetInfo& info() const override { return info_; }
  std::size_t size() const override { return patches_.size(); }
  // Inputs: one float32 tensor [C, 120, 120] in digital numbers; target: float32 multi-hot
  // [num_classes] (all zero when every label of the patch is dropped in the 19-class
  // nomenclature); id: the S2 patch name. Safe to call from several threads at once.
  Sample get(std::size_t index) const override;
  // The target alone, from the labels read when the dataset was made (no pixels).
  at::Tensor target(std::size_t index) const override;
  // The split file, then per patch (in split order) its band files in channel order and its
  // label file; absolute paths.
  std::vector<std::string> manifest() const override;

  const std::string& patch_name(std::size_t index) const { return patches_.at(index); }
  // Class indices of the target of patch `index` (sorted, unique; may be empty).
  const std::vector<int>& target_indices(std::size_t index) const { return targets_.at(index); }
  const BigEarthNetOptions& options() const { return options_; }

 private:
  std::filesystem::path patch_folder(const std::string& patch) const;
  std::filesystem::path band_file(const std::string& patch, const std::string& band) const;
  std::filesystem::path label_file(const std::string& patch) const;

  BigEarthNetOptions options_;
  std::filesystem::path s2_root_;     // absolute <root>/<s2_folder>
  std::filesystem::path split_path_;  // absolute
  DatasetInfo info_;
  std::vector<std::string> patches_;
  std::vector<std::vector<int>> targets_;
};

}  // namespace eorun::bigearthnet
