// The SEN12MS dataset (Sentinel-1/2 triplets with IGBP land cover): one split, scene
// classification with labels derived from the land-cover patch.
//
// Layout read (official):
//   <root>/ROIs1158_spring/{s1|s2|lc}_<scene>/ROIs1158_spring_{s1|s2|lc}_<scene>_p<patch>.tif
//   (and ROIs1868_summer, ROIs1970_fall, ROIs2017_winter)
//   <root>/train_list.txt, test_list.txt   one s2 file name per line
// s1: VV, VH Float32 dB (NaN set to 0, then clipped to [-25, 0] unless s1_clip is off); s2: 13
// UInt16 bands B01..B08, B8A, B09, B10, B11, B12; lc band 1: IGBP class 1..17 per pixel.
//
// When the dataset is made, every listed triplet's files are checked (see triplet_file.hpp) and
// its lc band 1 is read for the label, in parallel; a list naming a patch whose file does not
// exist is an error, a triplet whose files exist but are broken is skipped and reported in
// info().notes. Only the files the band selection reads (s1 and/or s2) and lc are checked: an
// s2-only run needs no s1 archive.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "band_set.hpp"
#include "eorun/dataset.hpp"
#include "eorun/params.hpp"
#include "igbp.hpp"
#include "patch_name.hpp"
#include "split_list.hpp"

namespace eorun::sen12ms {

struct Sen12msOptions {
  std::filesystem::path root;
  BandSelection bands = bands_from_preset("s2");
  Nomenclature igbp = Nomenclature::simplified;
  LabelType label_type = LabelType::multi;
  double threshold = 0.1;  // multi-label: fraction a class needs, (0, 1]
  bool s1_clip = true;     // clip s1 dB to [-25, 0] (after NaN -> 0)
  std::string split = "train";  // "train", "val" or "test"
  std::string split_train = "train_list.txt";  // relative to root, or absolute
  std::string split_val;                       // "": carved from split_train by scene
  std::string split_test = "test_list.txt";
  double val_fraction = 0.1;     // share of split_train's patches carved for val, [0, 1)
  std::uint64_t split_seed = 0;  // order in which scenes are carved
};

// Options from the resolved plugin parameters and the split the core asks for. Throws
// eorun::Error for a bad band selection, value or split name.
Sen12msOptions options_from_params(const Params& params, const DatasetContext& context);

class Sen12msDataset : public Dataset {
 public:
  // Checks the root, reads the split list(s), checks every triplet of the split and reads its
  // labels. Throws eorun::Error naming the folder, list, line or file on any problem; skips
  // (and reports) damaged triplets, failing only when none is left.
  explicit Sen12msDataset(Sen12msOptions options);

  const DatasetInfo& info() const override { return info_; }
  std::size_t size() const override { return patches_.size(); }
  // Inputs: one float32 tensor [C, H, W] in the selection's channel order (s2 digital numbers,
  // s1 dB); target: float32 multi-hot or int64 class index; id: the s2 file's stem. Safe to call
  // from several threads at once.
  Sample get(std::size_t index) const override;
  at::Tensor target(std::size_t index) const override;
  std::string sample_id(std::size_t index) const override { return patches_.at(index).id(); }
  // "scene": "ROIs1158_spring_1"; no "tile" grouping ("").
  std::string group(std::size_t index, const std::string& by) const override;
  // The split list(s) read, then for every checked triplet (served or skipped, in list order) its
  // s2 and/or s1 file (as the selection reads them) and its lc file.
  std::vector<std::string> manifest() const override;

  const PatchName& patch(std::size_t index) const { return patches_.at(index); }
  // Class fractions of patch `index` in the dataset's nomenclature (17 or 10 values).
  std::vector<double> fractions(std::size_t index) const;
  // Triplets of the split that were skipped.
  std::size_t skipped() const { return skipped_; }
  const Sen12msOptions& options() const { return options_; }

 private:
  // The patches of the split, as listed (before any is checked); records the lists read.
  std::vector<ListedPatch> listed_patches();
  // Checks `listed` in parallel and keeps the triplets that serve; fills the notes.
  void check_and_keep(const std::vector<ListedPatch>& listed, const std::filesystem::path& list);
  std::filesystem::path list_path(const std::string& list) const;
  void fill_info();

  Sen12msOptions options_;
  std::filesystem::path root_;             // absolute
  bool with_s1_ = false, with_s2_ = false;  // files the band selection reads
  int width_ = 0, height_ = 0;              // of every served triplet
  std::vector<std::string> lists_;          // split lists read, absolute
  std::vector<PatchName> checked_;          // every checked triplet, in list order
  std::vector<PatchName> patches_;          // served triplets
  std::vector<ClassCounts> counts_;         // their lc class counts
  std::vector<std::vector<int>> labels_;    // multi: class indices; single: one index
  std::size_t skipped_ = 0;
  DatasetInfo info_;
};

}  // namespace eorun::sen12ms
