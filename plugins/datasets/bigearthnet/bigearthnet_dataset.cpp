#include "bigearthnet_dataset.hpp"

#include <algorithm>

#include <ATen/ATen.h>

#include "band_set.hpp"
#include "eorun/error.hpp"
#include "eorun/parallel_for.hpp"
#include "label_file.hpp"
#include "label_map.hpp"
#include "patch_reader.hpp"
#include "split_file.hpp"

namespace eorun::bigearthnet {

namespace {

constexpr std::size_t kLabelFilesPerThread = 256;  // below this, threads cost more than they save
constexpr int kGroundResolution = 10;               // "10m" resamples every band to this grid

std::filesystem::path absolute_normal(const std::filesystem::path& path) {
  return std::filesystem::absolute(path).lexically_normal();
}

Resample resample_from_text(const std::string& text) {
  if (text == "10m") return Resample::to_10m;
  if (text == "none") return Resample::none;
  throw Error("dataset.resample", "unknown value '" + text + "'",
              "use \"10m\" (every band resampled to 120x120, one input group) or \"none\" "
              "(native sizes, one input group per resolution)");
}

}  // namespace

BigEarthNetOptions options_from_params(const Params& params, const DatasetContext& context) {
  BigEarthNetOptions options;
  options.root = params.get_string("root");
  options.s2_folder = params.get_string("s2_folder");
  options.bands = params.is_string("bands") ? bands_from_preset(params.get_string("bands"))
                                            : bands_from_list(params.get_strings("bands"));
  std::int64_t classes = params.get_int("classes");
  if (classes != kClasses43 && classes != kClasses19)
    throw Error("dataset.classes",
                "BigEarthNet has no " + std::to_string(classes) + "-class nomenclature",
                "use 43 (CORINE level 3) or 19 (Sumbul et al. 2020)");
  options.num_classes = static_cast<int>(classes);
  options.resample = resample_from_text(params.get_string("resample"));
  options.split = context.split;
  if (context.split == "train") {
    options.split_file = params.get_string("split_train");
  } else if (context.split == "val") {
    options.split_file = params.get_string("split_val");
  } else if (context.split == "test") {
    options.split_file = params.get_string("split_test");
  } else {
    throw Error("bigearthnet split", "unknown split '" + context.split + "'",
                "ask for train, val or test");
  }
  return options;
}

BigEarthNetDataset::BigEarthNetDataset(BigEarthNetOptions options) : options_(std::move(options)) {
  prepare_gdal();
  std::error_code ec;
  if (options_.root.empty() || !std::filesystem::is_directory(options_.root, ec))
    throw Error("dataset.root", "folder '" + options_.root.string() + "' does not exist",
                "set dataset.root to the folder holding " + options_.s2_folder +
                    "/ and the split CSVs (`eorun data synth --out DIR` writes a synthetic one)");
  const std::filesystem::path root = absolute_normal(options_.root);
  s2_root_ = root / options_.s2_folder;
  if (!std::filesystem::is_directory(s2_root_, ec))
    throw Error("dataset.s2_folder", "folder '" + s2_root_.string() + "' does not exist",
                "set dataset.s2_folder to the name of the folder of S2 patches inside "
                "dataset.root (BigEarthNet v1.0: BigEarthNet-v1.0)");
  split_path_ = absolute_normal(root / options_.split_file);
  bands_from_list(options_.bands);    // validates names and duplicates
  class_names(options_.num_classes);  // validates the count

  info_.task = Task::multi_label;
  info_.class_names = class_names(options_.num_classes);
  groups_ = options_.resample == Resample::none
                ? native_groups(options_.bands)
                : std::vector<BandGroup>{{"s2", kGroundResolution, kPatchSize, options_.bands}};
  for (const BandGroup& group : groups_) {
    const auto channels = static_cast<std::int64_t>(group.bands.size());
    info_.inputs.push_back({group.name, group.bands, static_cast<double>(group.resolution_m),
                            {channels, group.size, group.size}});
  }

  std::vector<SplitEntry> entries = read_split_file(split_path_);
  patches_.reserve(entries.size());
  for (SplitEntry& entry : entries) patches_.push_back(std::move(entry.s2_patch));

  targets_.resize(patches_.size());
  const int threads = static_cast<int>(
      std::min(worker_count(0, patches_.size()), patches_.size() / kLabelFilesPerThread + 1));
  parallel_for(patches_.size(), threads, [&](std::size_t i) {
    std::vector<int> indices43 = read_label_file(label_file(patches_[i]), patches_[i]);
    targets_[i] = bigearthnet::target_indices(indices43, options_.num_classes);
  });
}

std::filesystem::path BigEarthNetDataset::patch_folder(const std::string& patch) const {
  return s2_root_ / patch;
}

std::filesystem::path BigEarthNetDataset::band_file(const std::string& patch,
                                                    const std::string& band) const {
  return patch_folder(patch) / (patch + "_" + band + ".tif");
}

std::filesystem::path BigEarthNetDataset::label_file(const std::string& patch) const {
  return patch_folder(patch) / (patch + "_labels_metadata.json");
}

Sample BigEarthNetDataset::get(std::size_t index) const {
  if (index >= patches_.size())
    throw Error("bigearthnet " + options_.split + " split",
                "sample index " + std::to_string(index) + " is out of range (size " +
                    std::to_string(patches_.size()) + ")",
                "ask for an index below size()");
  const std::string& patch = patches_[index];
  Sample sample;
  for (const BandGroup& group : groups_) sample.inputs.push_back(read_group(patch, group));
  sample.target = target(index);
  sample.id = patch;
  return sample;
}

at::Tensor BigEarthNetDataset::read_group(const std::string& patch,
                                          const BandGroup& group) const {
  const auto channels = static_cast<std::int64_t>(group.bands.size());
  const std::int64_t pixels = std::int64_t{group.size} * group.size;
  at::Tensor input = at::empty({channels, group.size, group.size}, at::kFloat);
  float* data = input.data_ptr<float>();
  for (std::int64_t c = 0; c < channels; ++c) {
    const std::filesystem::path file = band_file(patch, group.bands[static_cast<std::size_t>(c)]);
    if (options_.resample == Resample::none)
      read_band_native(file, patch, data + c * pixels, group.size);
    else
      read_band_resampled(file, patch, data + c * pixels, group.size);
  }
  return input;
}

at::Tensor BigEarthNetDataset::target(std::size_t index) const {
  at::Tensor target = at::zeros({options_.num_classes}, at::kFloat);
  float* hot = target.data_ptr<float>();
  for (int k : targets_.at(index)) hot[k] = 1.0f;
  return target;
}

std::vector<std::string> BigEarthNetDataset::manifest() const {
  std::vector<std::string> files;
  files.reserve(1 + patches_.size() * (options_.bands.size() + 1));
  files.push_back(split_path_.string());
  for (const std::string& patch : patches_) {
    for (const std::string& band : options_.bands) files.push_back(band_file(patch, band).string());
    files.push_back(label_file(patch).string());
  }
  return files;
}

}  // namespace eorun::bigearthnet
