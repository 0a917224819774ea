#include "bigearthnet_dataset.hpp"

#include <algorithm>

#include <ATen/ATen.h>

#include "eorun/error.hpp"
#include "eorun/parallel_for.hpp"
#include "label_file.hpp"
#include "label_map.hpp"
#include "metadata_table.hpp"
#include "patch_names.hpp"
#include "patch_reader.hpp"
#include "s1_index.hpp"
#include "split_file.hpp"

namespace eorun::bigearthnet {

namespace {

constexpr std::size_t kFilesPerThread = 256;  // below this, threads cost more than they save

std::filesystem::path absolute_normal(const std::filesystem::path& path) {
  return std::filesystem::absolute(path).lexically_normal();
}

// Threads for `items` small file reads or checks.
int threads_for(std::size_t items) {
  return static_cast<int>(std::min(worker_count(0, items), items / kFilesPerThread + 1));
}

Resample resample_from_text(const std::string& text) {
  if (text == "10m") return Resample::to_10m;
  if (text == "none") return Resample::none;
  throw Error("dataset.resample", "unknown value '" + text + "'",
              "use \"10m\" (every band resampled to 120x120, one input group) or \"none\" "
              "(native sizes, one input group per resolution)");
}

// Validates what does not need the disk; returns the options unchanged.
BigEarthNetOptions checked(BigEarthNetOptions options) {
  if (options.version != kVersion1 && options.version != kVersion2)
    throw Error("dataset.version", "BigEarthNet has no version " + std::to_string(options.version),
                "use 1 (BigEarthNet v1.0) or 2 (BigEarthNet v2, reBEN)");
  bands_from_list(options.bands);    // validates names and duplicates
  class_names(options.num_classes);  // validates the count
  if (options.version == kVersion2 && options.num_classes != kClasses19)
    throw Error("dataset.classes",
                "BigEarthNet v2 labels are names of the 19-class nomenclature, so " +
                    std::to_string(options.num_classes) + " classes cannot be served",
                "set classes = 19 with version = 2");
  if (options.split != "train" && options.split != "val" && options.split != "test")
    throw Error("bigearthnet split", "unknown split '" + options.split + "'",
                "ask for train, val or test");
  return options;
}

}  // namespace

BigEarthNetOptions options_from_params(const Params& params, const DatasetContext& context) {
  BigEarthNetOptions options;
  options.root = params.get_string("root");
  options.version = static_cast<int>(params.get_int("version"));
  options.s2_folder = params.get_string("s2_folder");
  options.s1_folder = params.get_string("s1_folder");
  options.metadata = params.get_string("metadata");
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
  return checked(std::move(options));
}

BigEarthNetDataset::BigEarthNetDataset(BigEarthNetOptions options)
    : options_(checked(std::move(options))),
      layout_(options_.root, options_.version, options_.s2_folder, options_.s1_folder,
              has_radar(options_.bands)),
      radar_(has_radar(options_.bands)) {
  prepare_gdal();
  info_.task = Task::multi_label;
  info_.class_names = class_names(options_.num_classes);
  groups_ = options_.resample == Resample::none
                ? native_groups(options_.bands)
                : std::vector<BandGroup>{resampled_group(options_.bands)};
  for (const BandGroup& group : groups_) {
    const auto channels = static_cast<std::int64_t>(group.bands.size());
    info_.inputs.push_back({group.name, group.bands, static_cast<double>(group.resolution_m),
                            {channels, group.size, group.size}});
  }
  info_.reference = reference_stats(info_.band_names());

  if (options_.version == kVersion1)
    read_v1_split();
  else
    read_v2_split();
}

void BigEarthNetDataset::read_v1_split() {
  const std::filesystem::path split_path = absolute_normal(
      layout_.root() / (options_.split_file.empty()
                            ? std::filesystem::path("bigearthnet-" + options_.split + ".csv")
                            : options_.split_file));
  split_sources_.push_back(split_path.string());
  std::vector<SplitEntry> entries = read_split_file(split_path);
  const std::size_t n = entries.size();
  patches_.reserve(n);
  s1_patches_.reserve(n);
  for (SplitEntry& entry : entries) {
    patches_.push_back(std::move(entry.s2_patch));
    s1_patches_.push_back(radar_ ? std::move(entry.s1_patch) : std::string());
  }

  targets_.resize(n);
  tiles_.resize(n);
  parallel_for(n, threads_for(n), [&](std::size_t i) {
    const std::filesystem::path file = layout_.s2_label_file(patches_[i]);
    PatchLabels labels;
    try {
      labels = read_label_file(file, patches_[i]);
    } catch (const Error& e) {
      const std::filesystem::path other = layout_.misplaced_s2_patch(patches_[i]);
      if (other.empty()) throw;
      throw Error(e.subject(),
                  e.problem() + "; the patch is at '" + other.string() +
                      "', inside a tile folder as BigEarthNet v2 stores it",
                  "set dataset.version = 2");
    }
    targets_[i] = bigearthnet::target_indices(labels.indices43, options_.num_classes);
    tiles_[i] = std::move(labels.tile);
  });

  if (!radar_ || std::all_of(s1_patches_.begin(), s1_patches_.end(),
                             [](const std::string& s1) { return !s1.empty(); }))
    return;
  // A one-column split list: pair through the S1 label files' corresponding_s2_patch.
  const auto index = index_s1_patches(layout_, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (!s1_patches_[i].empty()) continue;
    auto it = index.find(patches_[i]);
    if (it == index.end())
      throw Error("bigearthnet patch '" + patches_[i] + "'",
                  "split file '" + split_path.string() +
                      "' gives no S1 patch for it, and no label file in '" +
                      layout_.s1_root().string() + "' names it as corresponding_s2_patch",
                  "give S1 patch names in the split file's second column (S2_patch,S1_patch), "
                  "or select Sentinel-2 bands only");
    s1_patches_[i] = it->second;
  }
  s1_paired_by_label_files_ = true;
  info_.notes.push_back("paired " + std::to_string(n) +
                        " S2 patches with their S1 patches through the corresponding_s2_patch "
                        "of " + std::to_string(index.size()) + " S1 label files in " +
                        layout_.s1_root().string());
}

void BigEarthNetDataset::read_v2_split() {
  const std::filesystem::path metadata_path = absolute_normal(layout_.root() / options_.metadata);
  split_sources_.push_back(metadata_path.string());
  const MetadataTable metadata = read_metadata(metadata_path);

  std::vector<const MetadataRow*> rows;
  if (options_.split_file.empty()) {
    const std::string name = metadata_split_name(options_.split);
    for (const MetadataRow& row : metadata.rows)
      if (row.split == name) rows.push_back(&row);
    if (rows.empty())
      throw Error("metadata '" + metadata_path.string() + "'",
                  "has no patch in split '" + name + "' (split column values: train, "
                  "validation, test)",
                  "use reBEN's complete metadata table, or set dataset.split_" + options_.split +
                      " to a split list");
  } else {
    const std::filesystem::path split_path = absolute_normal(layout_.root() / options_.split_file);
    split_sources_.push_back(split_path.string());
    for (const SplitEntry& entry : read_split_file(split_path)) {
      const MetadataRow* row = metadata.find(entry.s2_patch);
      if (row == nullptr)
        throw Error("split file '" + split_path.string() + "'",
                    "names patch '" + entry.s2_patch + "', which metadata '" +
                        metadata_path.string() + "' does not list",
                    "list BigEarthNet v2 patch names (patch_id) in the split file");
      rows.push_back(row);
    }
  }

  const std::size_t n = rows.size();
  patches_.reserve(n);
  s1_patches_.reserve(n);
  targets_.reserve(n);
  tiles_.reserve(n);
  for (const MetadataRow* row : rows) {
    if (radar_ && row->s1_name.empty())
      throw Error("metadata '" + metadata_path.string() + "' line " + std::to_string(row->line),
                  "patch '" + row->patch_id + "' has no s1_name, and dataset.bands has VV or VH",
                  "use reBEN's complete metadata table, or select Sentinel-2 bands only");
    patches_.push_back(row->patch_id);
    s1_patches_.push_back(radar_ ? row->s1_name : std::string());
    targets_.push_back(row->labels19);
  }
  require_patch_folders();  // before reading names: a v1 tree has no tile in its patch names
  for (const std::string& patch : patches_) tiles_.push_back(mgrs_tile_of_v2_patch(patch));
}

void BigEarthNetDataset::require_patch_folders() const {
  parallel_for(patches_.size(), threads_for(patches_.size()), [&](std::size_t i) {
    std::error_code ec;
    const std::filesystem::path folder = layout_.s2_patch_folder(patches_[i]);
    if (std::filesystem::is_directory(folder, ec)) return;
    const std::filesystem::path other = layout_.misplaced_s2_patch(patches_[i]);
    throw Error("bigearthnet patch '" + patches_[i] + "'",
                "folder '" + folder.string() + "' does not exist" +
                    (other.empty() ? std::string()
                                   : "; the patch is at '" + other.string() +
                                         "', without a tile folder, as BigEarthNet v1.0 "
                                         "stores it"),
                other.empty() ? "check dataset.root and dataset.s2_folder, or remove the patch "
                                "from the split"
                              : "set dataset.version = 1");
  });
}

std::filesystem::path BigEarthNetDataset::band_file(std::size_t index,
                                                    const std::string& band) const {
  return layout_.band_file(patches_[index], s1_patches_[index], band);
}

Sample BigEarthNetDataset::get(std::size_t index) const {
  if (index >= patches_.size())
    throw Error("bigearthnet " + options_.split + " split",
                "sample index " + std::to_string(index) + " is out of range (size " +
                    std::to_string(patches_.size()) + ")",
                "ask for an index below size()");
  Sample sample;
  for (const BandGroup& group : groups_) sample.inputs.push_back(read_group(index, group));
  sample.target = target(index);
  sample.id = patches_[index];
  return sample;
}

at::Tensor BigEarthNetDataset::read_group(std::size_t index, const BandGroup& group) const {
  const auto channels = static_cast<std::int64_t>(group.bands.size());
  const std::int64_t pixels = std::int64_t{group.size} * group.size;
  at::Tensor input = at::empty({channels, group.size, group.size}, at::kFloat);
  float* data = input.data_ptr<float>();
  for (std::int64_t c = 0; c < channels; ++c) {
    const std::string& band = group.bands[static_cast<std::size_t>(c)];
    const BandCheck check{is_radar(band) ? "Float32" : "UInt16",
                          options_.resample == Resample::none};
    read_band(band_file(index, band), patches_[index], data + c * pixels, group.size, check);
  }
  return input;
}

at::Tensor BigEarthNetDataset::target(std::size_t index) const {
  at::Tensor target = at::zeros({options_.num_classes}, at::kFloat);
  float* hot = target.data_ptr<float>();
  for (int k : targets_.at(index)) hot[k] = 1.0f;
  return target;
}

std::string BigEarthNetDataset::group(std::size_t index, const std::string& by) const {
  const std::string& patch = patches_.at(index);
  if (by == "scene") return s2_product_of(patch);
  if (by != "tile") return {};
  if (tiles_[index].empty())
    throw Error("bigearthnet patch '" + patch + "'",
                "label file '" + layout_.s2_label_file(patch).string() +
                    "' has no tile_source naming an MGRS tile (like T33UUP)",
                "restore the label file from the BigEarthNet v1.0 archive, or group by scene");
  return tiles_[index];
}

std::vector<std::string> BigEarthNetDataset::manifest() const {
  const bool v1 = options_.version == kVersion1;
  std::vector<std::string> files = split_sources_;
  files.reserve(files.size() + patches_.size() * (options_.bands.size() + 2));
  for (std::size_t i = 0; i < patches_.size(); ++i) {
    for (const std::string& band : options_.bands) files.push_back(band_file(i, band).string());
    if (v1) files.push_back(layout_.s2_label_file(patches_[i]).string());
    if (s1_paired_by_label_files_) files.push_back(layout_.s1_label_file(s1_patches_[i]).string());
  }
  return files;
}

}  // namespace eorun::bigearthnet
