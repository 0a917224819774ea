#include "eurosat_dataset.hpp"

#include <ATen/ATen.h>

#include <unordered_map>

#include "eorun/error.hpp"
#include "support/gdal_support.hpp"
#include "support/raster_file.hpp"
#include "support/split_list.hpp"
#include "support/split_params.hpp"

namespace eorun::eurosat {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSampleRemedy =
    "restore the file from the EuroSAT archive, or remove the sample from the split";

// The sample id a split file line names: its file name without folders and without a
// .jpg/.jpeg/.tif/.tiff extension (official files name `<Class>_<N>.jpg`, eorun's lists the id).
std::string id_of_entry(const std::string& entry) {
  std::string name = entry.substr(entry.find_last_of('/') + 1);
  for (const char* extension : {".jpg", ".jpeg", ".tif", ".tiff"}) {
    const std::string ext(extension);
    if (name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0)
      return name.substr(0, name.size() - ext.size());
  }
  return name;
}

}  // namespace

std::string split_file_name(const std::string& splits, const std::string& split) {
  if (splits == "official") return "eurosat-" + split + ".txt";
  if (splits == "spatial") return "eurosat-spatial-" + split + ".txt";
  if (splits == "100") return "eurosat-100-" + split + ".txt";
  if (splits == "random") return {};
  throw Error("dataset.splits", "unknown split definition '" + splits + "'",
              "use \"official\" (eurosat-{train,val,test}.txt), \"spatial\" "
              "(eurosat-spatial-*.txt), \"100\" (eurosat-100-*.txt) or \"random\" (a seeded split "
              "stratified by class)");
}

EuroSatOptions options_from_params(const Params& params, const DatasetContext& context) {
  EuroSatOptions options;
  const std::string& root = params.get_string("root");
  options.root = root.empty() ? fs::path() : fs::absolute(root).lexically_normal();
  options.format = format_from_text(params.get_string("format"));
  options.bands = params.is_string("bands")
                      ? select_bands(params.get_string("bands"), options.format)
                      : select_bands(params.get_strings("bands"), options.format);
  options.split = context.split;
  const std::string& chosen =
      params.get_string(support::split_list_parameter(context.split, "eurosat"));
  const std::string file =
      chosen.empty() ? split_file_name(params.get_string("splits"), context.split) : chosen;
  if (!file.empty()) options.split_file = support::split_list_path(options.root, file);
  options.random = support::random_split_options(params);
  return options;
}

EuroSatDataset::EuroSatDataset(EuroSatOptions options) : options_(std::move(options)) {
  support::prepare_gdal();
  support::split_list_parameter(options_.split, "eurosat");  // validates the split name
  layout_ = find_layout(options_.root, options_.format);
  const std::vector<std::string> bands =
      select_bands(options_.bands, options_.format);  // validates a list given in code
  for (const std::string& band : bands) channel_bands_.push_back(file_band(options_.format, band));

  info_.task = Task::single_label;
  info_.class_names = class_names();
  const auto channels = static_cast<std::int64_t>(bands.size());
  info_.inputs.push_back({options_.format == Format::ms ? "s2" : "rgb",
                          bands,
                          static_cast<double>(kResolutionM),
                          {channels, kPatchSize, kPatchSize}});
  info_.notes = layout_.notes;

  if (options_.split_file.empty())
    draw_random_split();
  else
    read_split_file();
}

void EuroSatDataset::read_split_file() {
  const fs::path& path = options_.split_file;
  const std::vector<support::ListedName> entries = support::read_split_list(
      path,
      "put the official split files (eurosat-{train,val,test}.txt) in dataset.root, name "
      "yours with dataset.split_train/split_val/split_test, or set dataset.splits = "
      "\"random\" for a seeded split stratified by class");
  const std::string subject = "split file '" + path.string() + "'";
  std::unordered_map<std::string, std::size_t> seen;  // id -> line
  for (const support::ListedName& entry : entries) {
    const std::string where = subject + " line " + std::to_string(entry.line);
    const std::string id = id_of_entry(entry.name);
    const std::optional<int> label = class_of_sample(id);
    if (!label)
      throw Error(where,
                  "'" + entry.name +
                      "' is not a sample of a EuroSAT class (a name is "
                      "<Class>_<N>.jpg, .tif or <Class>_<N> with Class one of AnnualCrop, Forest, "
                      "HerbaceousVegetation, Highway, Industrial, Pasture, PermanentCrop, "
                      "Residential, River, SeaLake)",
                  "fix or remove the line");
    const auto [it, inserted] = seen.emplace(id, entry.line);
    if (!inserted)
      throw Error(where,
                  "sample '" + id + "' is already listed on line " + std::to_string(it->second),
                  "list each sample once");
    const fs::path file = layout_.file(id);
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
      throw Error(where,
                  "names sample '" + id + "', whose file '" + file.string() + "' does not exist",
                  options_.format == Format::ms ? std::string(kSampleRemedy) +
                                                      " (a name ending in .jpg means the .tif of "
                                                      "the same stem in the MS layout)"
                                                : std::string(kSampleRemedy));
    ids_.push_back(id);
    labels_.push_back(*label);
  }
}

void EuroSatDataset::draw_random_split() {
  const std::vector<std::string> all = layout_.list_samples();
  if (all.empty())
    throw Error("folder '" + layout_.folder.string() + "'",
                std::string("holds no ") + layout_.extension() +
                    " file of a EuroSAT class (<Class>/<Class>_<N>" + layout_.extension() + ")",
                "point dataset.root at a EuroSAT copy");
  std::vector<std::size_t> strata;
  for (const std::string& id : all)
    strata.push_back(static_cast<std::size_t>(*class_of_sample(id)));
  const std::vector<support::SplitName> splits =
      support::stratified_split(strata, options_.random, "dataset.splits = \"random\"");
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (support::split_name(splits[i]) != options_.split) continue;
    ids_.push_back(all[i]);
    labels_.push_back(static_cast<int>(strata[i]));
  }
  if (ids_.empty())
    throw Error("dataset.splits = \"random\"",
                "the " + options_.split + " split of the " + std::to_string(all.size()) +
                    " samples in '" + layout_.folder.string() + "' is empty",
                "raise dataset.val_fraction / dataset.test_fraction or use more samples");
}

Sample EuroSatDataset::get(std::size_t index) const {
  if (index >= ids_.size())
    throw Error("eurosat " + options_.split + " split",
                "sample index " + std::to_string(index) + " is out of range (size " +
                    std::to_string(ids_.size()) + ")",
                "ask for an index below size()");
  const std::string& id = ids_[index];
  const bool ms = options_.format == Format::ms;
  const support::RasterFile file(layout_.file(id), "eurosat sample '" + id + "'", kSampleRemedy,
                                 {ms ? "GTiff" : "JPEG"});
  if (ms)
    file.require(kPatchSize, kPatchSize, kMsFileBands, {"UInt16"});
  else
    file.require(kPatchSize, kPatchSize, kRgbFileBands, {"Byte"});
  const auto channels = static_cast<std::int64_t>(channel_bands_.size());
  at::Tensor input = at::empty({channels, kPatchSize, kPatchSize}, at::kFloat);
  file.read_bands(channel_bands_, input.data_ptr<float>(), kPatchSize, kPatchSize);
  Sample sample;
  sample.inputs.push_back(std::move(input));
  sample.target = target(index);
  sample.id = id;
  return sample;
}

at::Tensor EuroSatDataset::target(std::size_t index) const {
  return at::scalar_tensor(static_cast<std::int64_t>(labels_.at(index)), at::kLong);
}

std::vector<std::string> EuroSatDataset::manifest() const {
  std::vector<std::string> files;
  files.reserve(ids_.size() + 1);
  if (!options_.split_file.empty()) files.push_back(options_.split_file.string());
  for (const std::string& id : ids_) files.push_back(layout_.file(id).string());
  return files;
}

}  // namespace eorun::eurosat
