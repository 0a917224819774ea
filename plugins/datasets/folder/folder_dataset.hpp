// A user's own scene-classification data: image files (GeoTIFF, JPEG or PNG) listed in a CSV
// table with their labels (folder_table.hpp), the band names given in the config. One split.
//
// Single- or multi-label as the data says (dataset.task = "auto": multi-label when a row has no
// label or more than one), or as set. Classes are dataset.classes, or the sorted labels found
// in the whole table. The split comes from a split list (dataset.split_train/split_val/
// split_test: one CSV path per line), else the table's `split` column, else a seeded split
// stratified by label (set) over the whole table. Every file of the split is looked for when the
// dataset is made; the table's first file sets the band count checked and, with dataset.size =
// 0, the size every file must have.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "eorun/dataset.hpp"
#include "eorun/params.hpp"
#include "folder_table.hpp"
#include "support/stratified_split.hpp"

namespace eorun::folder {

enum class TaskChoice { automatic, single_label, multi_label };

struct FolderOptions {
  std::filesystem::path csv;         // absolute
  std::vector<std::string> bands;    // one name per band of every file, in file order
  std::vector<std::string> classes;  // empty: the sorted labels of the table
  TaskChoice task = TaskChoice::automatic;
  int size = 0;                      // 0: the files' size; else resampled to size x size
  std::filesystem::path split_file;  // absolute; empty: the split column or a random split
  support::StratifiedSplitOptions random;
  std::string split = "train";
};

// Options from the resolved plugin parameters (csv, bands, classes, task, size, split_train,
// split_val, split_test, split_seed, val_fraction, test_fraction) and the split asked for.
// Throws eorun::Error for a bad band or class list, task or split name.
FolderOptions options_from_params(const Params& params, const DatasetContext& context);

class FolderDataset : public Dataset {
 public:
  // Reads the table, decides classes, task and split, checks that every file of the split
  // exists and that the table's first file has one band per name. Throws eorun::Error naming
  // the CSV (and line), the split file or the file.
  explicit FolderDataset(FolderOptions options);

  const DatasetInfo& info() const override { return info_; }
  std::size_t size() const override { return rows_.size(); }
  // Inputs: one float32 tensor [C, H, W] in the files' units; target: int64 class index
  // (single-label) or float32 multi-hot [classes] (multi-label); id: the path as written in the
  // CSV. Checks the file's band count, and its size unless dataset.size resamples.
  Sample get(std::size_t index) const override;
  at::Tensor target(std::size_t index) const override;
  std::string sample_id(std::size_t index) const override { return row(index).path; }
  // The `group` column's value for "scene" (when the table has one); "" otherwise.
  std::string group(std::size_t index, const std::string& by) const override;
  // The CSV, the split list (if one is read), the table's first file (when in another split),
  // then every file of the split; absolute paths.
  std::vector<std::string> manifest() const override;

  const FolderRow& row(std::size_t index) const { return table_.rows.at(rows_.at(index)); }
  // Class indices of sample `index`'s labels, sorted.
  const std::vector<int>& label_indices(std::size_t index) const { return labels_.at(index); }

 private:
  void choose_rows();
  void check_reference_file();

  FolderOptions options_;
  FolderTable table_;
  DatasetInfo info_;
  int height_ = 0;
  int width_ = 0;
  std::vector<std::size_t> rows_;             // indices into table_.rows, in split order
  std::vector<std::vector<int>> labels_;      // per sample
  std::vector<std::vector<int>> all_labels_;  // per table row
};

}  // namespace eorun::folder
