// The EuroSAT dataset (Sentinel-2, 64x64, 10 classes, single-label): one split, read from either
// published layout (dataset.format):
//   "ms"   13-band UInt16 GeoTIFFs (band order in the file B01..B08,B09,B10,B11,B12,B8A)
//   "rgb"  8-bit JPEGs (red B04, green B03, blue B02)
// Bands carry their Sentinel-2 names whatever the layout, so "rgb" selects B04,B03,B02 from both.
//
// The split comes from a split file (the official eurosat-{train,val,test}.txt, the -spatial or
// -100 variants, or an eorun split list: one file name or sample id per line; a name ending in
// .jpg means the .tif of the same stem in the MS layout) or, with splits = "random", from a
// seeded split stratified by class over every file of the layout. Every sample's file is looked
// for when the dataset is made, so a split naming a missing sample fails at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "eorun/dataset.hpp"
#include "eorun/params.hpp"
#include "eurosat_bands.hpp"
#include "eurosat_layout.hpp"
#include "support/stratified_split.hpp"

namespace eorun::eurosat {

struct EuroSatOptions {
  std::filesystem::path root;  // holds the layout folder and the split files
  Format format = Format::ms;
  std::vector<std::string> bands;          // channel order (validated for the format)
  std::filesystem::path split_file;        // absolute; empty: the seeded stratified split
  support::StratifiedSplitOptions random;  // for an empty split_file
  std::string split = "train";             // "train", "val" or "test"
};

// The split files of dataset.splits for `split`: "official" eurosat-<split>.txt, "spatial"
// eurosat-spatial-<split>.txt, "100" eurosat-100-<split>.txt; "" for "random". Throws
// eorun::Error (subject "dataset.splits") for another value.
std::string split_file_name(const std::string& splits, const std::string& split);

// Options from the resolved plugin parameters (root, format, bands, splits, split_train,
// split_val, split_test, split_seed, val_fraction, test_fraction) and the split the core asks
// for. Throws eorun::Error for a bad format, band selection, splits value or split name.
EuroSatOptions options_from_params(const Params& params, const DatasetContext& context);

class EuroSatDataset : public Dataset {
 public:
  // Finds the layout, reads the split definition, checks that every sample's file exists.
  // Throws eorun::Error naming the root, the split file (and line) or the file on any problem.
  explicit EuroSatDataset(EuroSatOptions options);

  const DatasetInfo& info() const override { return info_; }
  std::size_t size() const override { return ids_.size(); }
  // Inputs: one float32 tensor [C, 64, 64] of the selected bands in file units (digital numbers
  // for MS, 0-255 for RGB); target: int64 scalar class index; id: the file stem
  // (`<Class>_<N>`). Checks the file's size (64x64), band count and type (UInt16 / Byte).
  // Safe to call from several threads at once.
  Sample get(std::size_t index) const override;
  at::Tensor target(std::size_t index) const override;
  std::string sample_id(std::size_t index) const override { return ids_.at(index); }
  // EuroSAT has no scene or tile grouping: group() keeps the default "".
  // The split file (if any), then every sample's file in split order; absolute paths.
  std::vector<std::string> manifest() const override;

  int label(std::size_t index) const { return labels_.at(index); }
  const Layout& layout() const { return layout_; }
  const EuroSatOptions& options() const { return options_; }

 private:
  void read_split_file();
  void draw_random_split();

  EuroSatOptions options_;
  Layout layout_;
  std::vector<int> channel_bands_;  // 1-based band in the file of each channel
  DatasetInfo info_;
  std::vector<std::string> ids_;
  std::vector<int> labels_;
};

}  // namespace eorun::eurosat
