#include "folder_dataset.hpp"

#include <ATen/ATen.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "eorun/error.hpp"
#include "support/gdal_support.hpp"
#include "support/raster_file.hpp"
#include "support/split_list.hpp"
#include "support/split_params.hpp"

namespace eorun::folder {

namespace fs = std::filesystem;

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// Throws eorun::Error (subject `key`) for an empty name or a name listed twice.
void check_names(const std::vector<std::string>& names, const std::string& key,
                 const std::string& what) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty())
      throw Error(key, what + " " + std::to_string(i + 1) + " has an empty name",
                  "name every " + what);
    if (std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), names[i]) !=
        names.begin() + static_cast<std::ptrdiff_t>(i))
      throw Error(key, what + " '" + names[i] + "' is listed twice", "list each " + what + " once");
  }
}

TaskChoice task_from_text(const std::string& text) {
  if (text == "auto") return TaskChoice::automatic;
  if (text == "single_label") return TaskChoice::single_label;
  if (text == "multi_label") return TaskChoice::multi_label;
  throw Error("dataset.task", "unknown task '" + text + "'",
              "use \"auto\" (decided by the labels), \"single_label\" or \"multi_label\"");
}

}  // namespace

FolderOptions options_from_params(const Params& params, const DatasetContext& context) {
  FolderOptions options;
  const std::string& csv = params.get_string("csv");
  options.csv = csv.empty() ? fs::path() : fs::absolute(csv).lexically_normal();
  options.bands = params.get_strings("bands");
  options.classes = params.get_strings("classes");
  options.task = task_from_text(params.get_string("task"));
  options.size = static_cast<int>(params.get_int("size"));
  options.split = context.split;
  const std::string& list =
      params.get_string(support::split_list_parameter(context.split, "folder"));
  if (!list.empty()) options.split_file = support::split_list_path(options.csv.parent_path(), list);
  options.random = support::random_split_options(params);
  return options;
}

FolderDataset::FolderDataset(FolderOptions options) : options_(std::move(options)) {
  support::prepare_gdal();
  support::split_list_parameter(options_.split, "folder");  // validates the split name
  if (options_.csv.empty())
    throw Error("dataset.csv", "no table of files is given",
                "set dataset.csv to a CSV with a header `path,label` and one row per image file");
  if (options_.bands.empty())
    throw Error("dataset.bands", "no band names are given",
                "name the bands of your files in file order, e.g. [\"B04\", \"B03\", \"B02\"] for "
                "RGB images");
  check_names(options_.bands, "dataset.bands", "band");
  check_names(options_.classes, "dataset.classes", "class");
  table_ = read_folder_table(options_.csv);
  const std::string subject = "csv file '" + options_.csv.string() + "'";

  std::vector<std::string> classes = options_.classes;
  if (classes.empty()) {
    for (const FolderRow& row : table_.rows)
      classes.insert(classes.end(), row.labels.begin(), row.labels.end());
    std::sort(classes.begin(), classes.end());
    classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
    if (classes.empty())
      throw Error(subject, "has no label in any row",
                  "write each file's class in the label column");
  }
  bool multi = options_.task == TaskChoice::multi_label;
  for (const FolderRow& row : table_.rows) {
    std::vector<int> indices;
    for (const std::string& label : row.labels) {
      const auto it = std::find(classes.begin(), classes.end(), label);
      if (it == classes.end())
        throw Error(subject + " line " + std::to_string(row.line),
                    "label '" + label + "' is not in dataset.classes (" + join(classes) + ")",
                    "add it to dataset.classes, or fix the row");
      indices.push_back(static_cast<int>(it - classes.begin()));
    }
    std::sort(indices.begin(), indices.end());
    if (row.labels.size() != 1) {
      if (options_.task == TaskChoice::single_label)
        throw Error(subject + " line " + std::to_string(row.line),
                    "has " + std::to_string(row.labels.size()) +
                        " labels; a single-label task needs exactly one",
                    "set dataset.task = \"multi_label\" (or \"auto\"), or fix the row");
      multi = true;
    }
    all_labels_.push_back(std::move(indices));
  }
  info_.task = multi ? Task::multi_label : Task::single_label;
  info_.class_names = classes;

  choose_rows();
  for (std::size_t r : rows_) {
    const FolderRow& row = table_.rows[r];
    std::error_code ec;
    if (!fs::is_regular_file(table_.file(row), ec))
      throw Error(subject + " line " + std::to_string(row.line),
                  "file '" + table_.file(row).string() + "' does not exist",
                  "restore the file, or fix or remove its row (paths are relative to the CSV's "
                  "folder)");
    labels_.push_back(all_labels_[r]);
  }
  check_reference_file();
  const auto channels = static_cast<std::int64_t>(options_.bands.size());
  info_.inputs.push_back({"image", options_.bands, 0.0, {channels, height_, width_}});
}

void FolderDataset::choose_rows() {
  const std::string subject = "csv file '" + options_.csv.string() + "'";
  if (!options_.split_file.empty()) {
    std::unordered_map<std::string, std::size_t> by_path;
    for (std::size_t r = 0; r < table_.rows.size(); ++r) by_path.emplace(table_.rows[r].path, r);
    const auto names =
        support::read_split_list(options_.split_file,
                                 "write the split list (one path of the CSV per line) there, or "
                                 "leave dataset.split_train/split_val/split_test empty");
    for (const support::ListedName& name : names) {
      const auto it = by_path.find(name.name);
      if (it == by_path.end())
        throw Error(
            "split file '" + options_.split_file.string() + "' line " + std::to_string(name.line),
            "names '" + name.name + "', which is not a path of " + subject,
            "list paths exactly as the CSV's path column writes them");
      rows_.push_back(it->second);
    }
    return;
  }
  if (table_.has_split) {
    for (std::size_t r = 0; r < table_.rows.size(); ++r)
      if (table_.rows[r].split == options_.split) rows_.push_back(r);
    if (rows_.empty())
      throw Error(subject, "no row has split '" + options_.split + "' (the split is empty)",
                  "give some rows the split " + options_.split);
    return;
  }
  // A seeded split stratified by label set (the class for single-label data).
  std::map<std::vector<int>, std::size_t> stratum_of;
  for (const std::vector<int>& labels : all_labels_) stratum_of.emplace(labels, 0);
  std::size_t next = 0;
  for (auto& [labels, stratum] : stratum_of) stratum = next++;
  std::vector<std::size_t> strata;
  for (const std::vector<int>& labels : all_labels_) strata.push_back(stratum_of[labels]);
  const std::vector<support::SplitName> splits =
      support::stratified_split(strata, options_.random, subject + " (random split)");
  for (std::size_t r = 0; r < table_.rows.size(); ++r)
    if (support::split_name(splits[r]) == options_.split) rows_.push_back(r);
  if (rows_.empty())
    throw Error(subject,
                "the random " + options_.split + " split of its " +
                    std::to_string(table_.rows.size()) + " rows is empty",
                "raise dataset.val_fraction / dataset.test_fraction, add rows, or add a split "
                "column");
}

void FolderDataset::check_reference_file() {
  const FolderRow& first = table_.rows.front();
  const support::RasterFile file(
      table_.file(first), "folder sample '" + first.path + "'",
      "restore the file or fix its row in '" + options_.csv.string() + "'",
      {"GTiff", "JPEG", "PNG"});
  const int bands = static_cast<int>(options_.bands.size());
  if (file.shape().bands != bands)
    file.fail("has " + std::to_string(file.shape().bands) + " bands, dataset.bands names " +
              std::to_string(bands) + " (" + join(options_.bands) + ")");
  height_ = options_.size > 0 ? options_.size : file.shape().height;
  width_ = options_.size > 0 ? options_.size : file.shape().width;
}

Sample FolderDataset::get(std::size_t index) const {
  if (index >= rows_.size())
    throw Error("folder " + options_.split + " split",
                "sample index " + std::to_string(index) + " is out of range (size " +
                    std::to_string(rows_.size()) + ")",
                "ask for an index below size()");
  const FolderRow& entry = row(index);
  const support::RasterFile file(table_.file(entry), "folder sample '" + entry.path + "'",
                                 "fix the file or its row (line " + std::to_string(entry.line) +
                                     ") in '" + options_.csv.string() +
                                     "'; dataset.size resamples files of other sizes",
                                 {"GTiff", "JPEG", "PNG"});
  const int bands = static_cast<int>(options_.bands.size());
  if (file.shape().bands != bands)
    file.fail("has " + std::to_string(file.shape().bands) + " bands, dataset.bands names " +
              std::to_string(bands) + " (" + join(options_.bands) + ")");
  if (options_.size == 0) file.require(width_, height_, bands);
  std::vector<int> numbers;
  for (int b = 1; b <= bands; ++b) numbers.push_back(b);
  at::Tensor input = at::empty({bands, height_, width_}, at::kFloat);
  file.read_bands(numbers, input.data_ptr<float>(), width_, height_);
  Sample sample;
  sample.inputs.push_back(std::move(input));
  sample.target = target(index);
  sample.id = entry.path;
  return sample;
}

at::Tensor FolderDataset::target(std::size_t index) const {
  const std::vector<int>& labels = labels_.at(index);
  if (info_.task == Task::single_label)
    return at::scalar_tensor(static_cast<std::int64_t>(labels.front()), at::kLong);
  at::Tensor target = at::zeros({static_cast<std::int64_t>(info_.class_names.size())}, at::kFloat);
  float* hot = target.data_ptr<float>();
  for (int k : labels) hot[k] = 1.0f;
  return target;
}

std::string FolderDataset::group(std::size_t index, const std::string& by) const {
  return by == "scene" && table_.has_group ? row(index).group : std::string();
}

std::vector<std::string> FolderDataset::manifest() const {
  std::vector<std::string> files{options_.csv.string()};
  if (!options_.split_file.empty()) files.push_back(options_.split_file.string());
  // The table's first file sets the band count checked and the size: read even when it is in
  // another split.
  if (std::find(rows_.begin(), rows_.end(), std::size_t{0}) == rows_.end())
    files.push_back(table_.file(table_.rows.front()).string());
  for (std::size_t r : rows_) files.push_back(table_.file(table_.rows[r]).string());
  return files;
}

}  // namespace eorun::folder
