// BigEarthNet v1.0 and v2 (reBEN), Sentinel-2 and Sentinel-1: one split, multi-label.
//
// Bands (dataset.bands): any of the 12 S2 bands and the S1 polarisations VV, VH (Float32 dB), in
// the order given; presets "rgb", "ms" = "s2", "s1" (VV,VH), "s1s2" (12 S2 bands, then VV,VH).
// Delivered in one of two forms (dataset.resample):
//   "10m"   every band bilinearly resampled to the 10 m grid (120x120) and stacked in the
//           requested order: one input group, "s2" (S2 bands only), "s1" (radar only) or "s1s2"
//           (both) (early fusion; the reference code's reading)
//   "none"  every band at its native size, one input group per resolution: "s2_10m" (120x120),
//           "s2_20m" (60x60), "s2_60m" (20x20), then "s1" (VV/VH, 120x120); a group without a
//           selected band is left out (see native_groups). For multi-resolution fusion models.
//
// Layouts read (layout.hpp): v1.0 takes labels (43-class names) from each S2 patch's label file
// and splits from bigearthnet-{train,val,test}.csv (S2_patch,S1_patch), pairing an S2 patch with
// its S1 patch through the CSV's second column or, for one-column split lists, through the S1
// label files' corresponding_s2_patch. v2 takes labels (19-class names), splits and S1 names from
// the metadata CSV (metadata_table.hpp). Any split may instead be an eorun split list (one S2
// patch name per line). Every label is read when the dataset is made, so a missing patch or an
// unknown label fails at once, not in the middle of an epoch. S1 files are read (and listed in
// the manifest) only when VV or VH is selected.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "band_set.hpp"
#include "eorun/dataset.hpp"
#include "eorun/params.hpp"
#include "layout.hpp"

namespace eorun::bigearthnet {

// How bands of different resolutions are delivered (dataset.resample).
enum class Resample {
  to_10m,  // "10m": all resampled to 120x120, one input group
  none,    // "none": native sizes, one input group per resolution
};

struct BigEarthNetOptions {
  std::filesystem::path root;          // holds the S2 (and S1) folders and the split files
  int version = kVersion1;             // 1 (v1.0) or 2 (reBEN)
  std::string s2_folder;               // relative to root; "" = the version's own
  std::string s1_folder;               // relative to root; "" = the version's own
  std::string metadata = "metadata.csv";  // v2: the metadata CSV, relative to root or absolute
  std::vector<std::string> bands;      // channel order (validated names)
  int num_classes = 19;                // 43 or 19 (v2: 19)
  // The split's file, relative to root or absolute: a v1 split CSV or an eorun split list. Empty:
  // the version's official split (v1: bigearthnet-<split>.csv; v2: the metadata's split column).
  std::filesystem::path split_file;
  std::string split = "train";  // "train", "val" or "test"
  Resample resample = Resample::to_10m;
};

// Options from the resolved plugin parameters (root, version, s2_folder, s1_folder, metadata,
// bands, classes, resample, split_train, split_val, split_test) and the split the core asks for.
// Throws eorun::Error for a bad band list, class count (v2 needs 19), resample value, version or
// split name.
BigEarthNetOptions options_from_params(const Params& params, const DatasetContext& context);

class BigEarthNetDataset : public Dataset {
 public:
  // Checks the folders, reads the split and every patch's labels. Throws eorun::Error naming the
  // folder, file or patch on any problem.
  explicit BigEarthNetDataset(BigEarthNetOptions options);

  const DatasetInfo& info() const override { return info_; }
  std::size_t size() const override { return patches_.size(); }
  // Inputs: one float32 tensor per input group in the files' units (S2 digital numbers, S1 dB),
  // [C, 120, 120] resampled or [C, side, side] at the group's native side (see info().inputs);
  // target: float32 multi-hot [num_classes] (all zero when every label of the patch is dropped
  // in the 19-class nomenclature); id: the S2 patch name. Safe to call from several threads.
  Sample get(std::size_t index) const override;
  // The target alone, from the labels read when the dataset was made (no pixels).
  at::Tensor target(std::size_t index) const override;
  std::string sample_id(std::size_t index) const override { return patches_.at(index); }
  // "scene": the S2 product (patch name minus its last two tokens; v2: the S2_TILE folder);
  // "tile": the MGRS tile id, e.g. "T33UUP" (v1: from the label file's tile_source; v2: from the
  // patch name). "" for any other grouping.
  std::string group(std::size_t index, const std::string& by) const override;
  // Every file read, absolute: v1: the split file, then per patch (in split order) its band
  // files in the order of the band selection, its label file and, when S1 patches were paired
  // through them, its S1 label file; v2: the metadata CSV, the split file when one is given,
  // then per patch its band files.
  std::vector<std::string> manifest() const override;

  const std::string& patch_name(std::size_t index) const { return patches_.at(index); }
  // The S1 patch paired with patch `index` ("" when no radar band is selected).
  const std::string& s1_patch_name(std::size_t index) const { return s1_patches_.at(index); }
  // Class indices of the target of patch `index` (sorted, unique; may be empty).
  const std::vector<int>& target_indices(std::size_t index) const { return targets_.at(index); }
  const BigEarthNetOptions& options() const { return options_; }
  const Layout& layout() const { return layout_; }

 private:
  void read_v1_split();
  void read_v2_split();
  void require_patch_folders() const;
  std::filesystem::path band_file(std::size_t index, const std::string& band) const;
  at::Tensor read_group(std::size_t index, const BandGroup& group) const;

  BigEarthNetOptions options_;
  Layout layout_;
  bool radar_ = false;                      // VV or VH selected
  std::vector<std::string> split_sources_;  // split definitions read (absolute), in order
  std::vector<BandGroup> groups_;  // one per input group, in the order of Sample::inputs
  DatasetInfo info_;
  std::vector<std::string> patches_;
  std::vector<std::string> s1_patches_;  // "" when !radar_
  std::vector<std::vector<int>> targets_;
  std::vector<std::string> tiles_;   // MGRS tile ids
  bool s1_paired_by_label_files_ = false;
};

}  // namespace eorun::bigearthnet
