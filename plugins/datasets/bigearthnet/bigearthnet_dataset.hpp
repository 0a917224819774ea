// The BigEarthNet v1.0 Sentinel-2 dataset: one split, multi-label, in one of two forms
// (dataset.resample):
//   "10m"   every band bilinearly resampled to the 10 m grid (120x120) and stacked in the
//           requested order: one input group "s2" (early fusion; the reference code's reading)
//   "none"  every band at its native size, one input group per resolution: "s2_10m" (120x120),
//           "s2_20m" (60x60), "s2_60m" (20x20), each holding the selected bands of that
//           resolution in the requested order; a resolution without a selected band has no
//           group (see native_groups). For multi-resolution fusion models.
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

#include "band_set.hpp"
#include "eorun/dataset.hpp"
#include "eorun/params.hpp"

namespace eorun::bigearthnet {

// How bands of different resolutions are delivered (dataset.resample).
enum class Resample {
  to_10m,  // "10m": all resampled to 120x120, one input group
  none,    // "none": native sizes, one input group per resolution
};

struct BigEarthNetOptions {
  std::filesystem::path root;                  // holds s2_folder and the split files
  std::string s2_folder = "BigEarthNet-v1.0";  // relative to root
  std::vector<std::string> bands;              // channel order (validated names)
  int num_classes = 19;                        // 43 or 19
  std::filesystem::path split_file;            // relative to root, or absolute
  std::string split = "train";                 // for messages and info only
  Resample resample = Resample::to_10m;
};

// Options from the resolved plugin parameters (root, s2_folder, bands, classes, resample,
// split_train, split_val, split_test) and the split the core asks for. Throws eorun::Error for a
// bad band list, class count, resample value or split name.
BigEarthNetOptions options_from_params(const Params& params, const DatasetContext& context);

class BigEarthNetDataset : public Dataset {
 public:
  // Checks the folders, reads the split file and every patch's labels. Throws eorun::Error
  // naming the folder, file or patch on any problem.
  explicit BigEarthNetDataset(BigEarthNetOptions options);

  const DatasetInfo& info() const override { return info_; }
  std::size_t size() const override { return patches_.size(); }
  // Inputs: one float32 tensor per input group in digital numbers, [C, 120, 120] resampled or
  // [C, side, side] at the group's native side (see info().inputs); target: float32 multi-hot
  // [num_classes] (all zero when every label of the patch is dropped in the 19-class
  // nomenclature); id: the S2 patch name. Safe to call from several threads at once.
  Sample get(std::size_t index) const override;
  // The target alone, from the labels read when the dataset was made (no pixels).
  at::Tensor target(std::size_t index) const override;
  // The split file, then per patch (in split order) its band files in the order of the band
  // selection and its label file; absolute paths.
  std::vector<std::string> manifest() const override;

  const std::string& patch_name(std::size_t index) const { return patches_.at(index); }
  // Class indices of the target of patch `index` (sorted, unique; may be empty).
  const std::vector<int>& target_indices(std::size_t index) const { return targets_.at(index); }
  const BigEarthNetOptions& options() const { return options_; }

 private:
  std::filesystem::path patch_folder(const std::string& patch) const;
  std::filesystem::path band_file(const std::string& patch, const std::string& band) const;
  std::filesystem::path label_file(const std::string& patch) const;
  at::Tensor read_group(const std::string& patch, const BandGroup& group) const;

  BigEarthNetOptions options_;
  std::filesystem::path s2_root_;     // absolute <root>/<s2_folder>
  std::filesystem::path split_path_;  // absolute
  std::vector<BandGroup> groups_;  // one per input group, in the order of Sample::inputs
  DatasetInfo info_;
  std::vector<std::string> patches_;
  std::vector<std::vector<int>> targets_;
};

}  // namespace eorun::bigearthnet
