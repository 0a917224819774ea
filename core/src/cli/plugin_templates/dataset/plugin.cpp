// @NAME@: an eorun dataset plugin for a folder of GeoTIFFs with a labels table:
//
//   <root>/classes.txt    one class name per line; line order is the target order
//   <root>/labels.csv     header "file,split,labels"; `file` relative to root, `split` train, val
//                         or test, `labels` class names joined with ';' (multi-label)
//   <root>/<file>         one GeoTIFF per sample, its bands the input channels, in file order
//
// Change the layout to your archive's. eorun asks a dataset for: what it is (info(): task, class
// names, input groups with band names and resolution), how many samples a split has, one sample
// (get(i), called from several loader threads at once), one target alone (target(i), cheap: eorun
// counts classes with it) and every file a split reads (manifest(), hashed into run identities).
// The synth hook writes a synthetic copy of this layout: `eorun data synth --dataset @NAME@`.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <gdal.h>
#include <torch/torch.h>

#include <eorun/plugin.hpp>

namespace {

namespace fs = std::filesystem;
using eorun::Error;

std::vector<std::string> split_text(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, separator);) parts.push_back(part);
  return parts;
}

struct Entry {
  std::string file;
  std::vector<std::int64_t> classes;
};

class @CLASS@ final : public eorun::Dataset {
 public:
  @CLASS@(const fs::path& root, const std::vector<std::string>& bands, double resolution,
          const std::string& split)
      : root_(root) {
    if (root.empty() || !fs::is_directory(root))
      throw Error("dataset.root", "folder '" + root.string() + "' does not exist",
                  "set dataset.root (`eorun data synth --dataset @NAME@ --out DIR` writes one)");
    info_.task = eorun::Task::multi_label;
    std::ifstream classes(root / "classes.txt");
    for (std::string line; std::getline(classes, line);)
      if (!line.empty()) info_.class_names.push_back(line);
    if (info_.class_names.empty())
      throw Error((root / "classes.txt").string(), "is missing or empty", "list one class per line");

    std::ifstream labels(root / "labels.csv");
    std::string line;
    if (!std::getline(labels, line) || line != "file,split,labels")
      throw Error((root / "labels.csv").string(), "is missing or lacks the header file,split,labels",
                  "write the labels table described at the top of @NAME@.cpp");
    while (std::getline(labels, line)) {
      const std::vector<std::string> cells = split_text(line, ',');
      if (cells.size() < 2 || cells[1] != split) continue;
      Entry entry{cells[0], {}};
      for (const std::string& name : split_text(cells.size() > 2 ? cells[2] : "", ';'))
        entry.classes.push_back(class_index(name, line));
      entries_.push_back(std::move(entry));
    }
    if (entries_.empty())
      throw Error("dataset @NAME@", "the " + split + " split has no samples in labels.csv",
                  "check the split column");

    // Size and band count come from the first file; get() checks every other file against them.
    const auto [width, height, count] = raster_size(root_ / entries_.front().file);
    if (count != static_cast<int>(bands.size()))
      throw Error("dataset.bands", "names " + std::to_string(bands.size()) + " bands, the files have " +
                                       std::to_string(count),
                  "name every band of the files, in file order");
    info_.inputs = {{"image", bands, resolution, {count, height, width}}};
  }

  const eorun::DatasetInfo& info() const override { return info_; }
  std::size_t size() const override { return entries_.size(); }

  eorun::Sample get(std::size_t index) const override {
    const Entry& entry = entries_.at(index);
    const std::vector<std::int64_t>& shape = info_.inputs[0].shape;
    at::Tensor image = torch::empty(shape, torch::kFloat);
    const fs::path path = root_ / entry.file;
    GDALDatasetH dataset = GDALOpen(path.c_str(), GA_ReadOnly);  // one handle per call: thread-safe
    if (dataset == nullptr) throw Error(path.string(), "is not a readable raster", "check the file");
    const bool fits = GDALGetRasterCount(dataset) == shape[0] &&
                      GDALGetRasterYSize(dataset) == shape[1] &&
                      GDALGetRasterXSize(dataset) == shape[2];
    const CPLErr status =
        fits ? GDALDatasetRasterIO(dataset, GF_Read, 0, 0, static_cast<int>(shape[2]),
                                   static_cast<int>(shape[1]), image.data_ptr<float>(),
                                   static_cast<int>(shape[2]), static_cast<int>(shape[1]),
                                   GDT_Float32, static_cast<int>(shape[0]), nullptr, 0, 0, 0)
             : CE_Failure;
    GDALClose(dataset);
    if (!fits) throw Error(path.string(), "differs in size or bands from the first file", "fix the file");
    if (status != CE_None) throw Error(path.string(), "could not be read", "check the file");
    return {{image}, target(index), entry.file};
  }

  at::Tensor target(std::size_t index) const override {
    at::Tensor target = torch::zeros({static_cast<std::int64_t>(info_.class_names.size())});
    for (std::int64_t k : entries_.at(index).classes) target[k] = 1.0f;
    return target;
  }

  std::vector<std::string> manifest() const override {
    std::vector<std::string> files = {(root_ / "classes.txt").string(), (root_ / "labels.csv").string()};
    for (const Entry& entry : entries_) files.push_back((root_ / entry.file).string());
    return files;
  }

 private:
  std::int64_t class_index(const std::string& name, const std::string& line) const {
    for (std::size_t k = 0; k < info_.class_names.size(); ++k)
      if (info_.class_names[k] == name) return static_cast<std::int64_t>(k);
    throw Error((root_ / "labels.csv").string(), "line '" + line + "' names unknown class '" + name + "'",
                "add it to classes.txt or fix the line");
  }

  static std::tuple<int, int, int> raster_size(const fs::path& path) {
    GDALDatasetH dataset = GDALOpen(path.c_str(), GA_ReadOnly);
    if (dataset == nullptr) throw Error(path.string(), "is not a readable raster", "check the file");
    const std::tuple<int, int, int> size{GDALGetRasterXSize(dataset), GDALGetRasterYSize(dataset),
                                         GDALGetRasterCount(dataset)};
    GDALClose(dataset);
    return size;
  }

  fs::path root_;
  eorun::DatasetInfo info_;
  std::vector<Entry> entries_;
};

void register_gdal() { GDALAllRegister(); }

eorun::Dataset* create(const eorun::Params& params, const eorun::DatasetContext& context) {
  return new @CLASS@(params.get_string("root"), params.get_strings("bands"),
                     params.get_real("resolution"), context.split);
}

// The synth hook: `request.samples` small 4-band GeoTIFFs with learnable labels (each class
// present raises its own band), every byte from the request alone. Written under a temporary
// folder renamed into place, so an interrupted write never leaves a copy that looks whole.
eorun::SynthResult write_copy(const eorun::SynthRequest& request, const eorun::Params& options) {
  const int size = static_cast<int>(options.get_int("size"));
  const std::vector<std::string> classes = {"water", "forest", "field", "town"};
  const fs::path out = request.out, partial = out.string() + ".partial";
  if (fs::exists(out / "labels.csv") && !request.overwrite)
    throw Error("--out", "'" + out.string() + "' already holds a copy", "pass --force to replace it");
  fs::remove_all(partial);
  fs::create_directories(partial / "images");
  std::mt19937_64 random(request.seed);  // one stream, drawn in sample order: same seed, same bytes
  auto uniform = [&random] { return static_cast<double>(random() >> 11) * 0x1.0p-53; };
  std::string table = "file,split,labels\n";
  eorun::SynthResult result;
  GDALDriverH driver = GDALGetDriverByName("GTiff");
  for (std::int64_t i = 0; i < request.samples; ++i) {
    const double draw = uniform();
    const char* split = draw < request.test_fraction ? "test"
                        : draw < request.test_fraction + request.val_fraction ? "val" : "train";
    std::size_t& in_split = split == std::string("test")  ? result.test
                            : split == std::string("val") ? result.val
                                                          : result.train;
    ++in_split;
    std::vector<float> pixels(4 * static_cast<std::size_t>(size) * size);
    std::string labels;
    for (std::size_t k = 0; k < classes.size(); ++k) {
      const bool present = uniform() < 0.4;
      if (present) labels += (labels.empty() ? "" : ";") + classes[k];
      for (int p = 0; p < size * size; ++p)
        pixels[k * size * size + p] = static_cast<float>(1000 + (present ? 300 : 0) + 100 * uniform());
    }
    const std::string file = "images/" + std::to_string(i) + ".tif";
    GDALDatasetH dataset =
        GDALCreate(driver, (partial / file).c_str(), size, size, 4, GDT_Float32, nullptr);
    if (dataset == nullptr ||
        GDALDatasetRasterIO(dataset, GF_Write, 0, 0, size, size, pixels.data(), size, size,
                            GDT_Float32, 4, nullptr, 0, 0, 0) != CE_None)
      throw Error((partial / file).string(), "cannot be written", "check the folder and free space");
    GDALClose(dataset);
    table += file + "," + split + "," + labels + "\n";
  }
  std::ofstream(partial / "labels.csv") << table;
  std::ofstream names(partial / "classes.txt");
  for (const std::string& name : classes) names << name << "\n";
  names.close();
  fs::remove_all(out);
  fs::rename(partial, out);
  result.files = static_cast<std::size_t>(request.samples) + 2;
  result.layout = "GeoTIFFs with labels.csv";
  result.dataset_params = {{"root", "\"" + out.string() + "\""}};
  return result;
}

// The declared parameters: eorun checks every value a user gives (type, allowed values, bounds)
// before `create` runs, fills in defaults, and `eorun plugins show @NAME@` lists them.
// name, type, default (JSON text), allowed values (JSON array or nullptr), one-line doc
constexpr eorun::ParamSpec kParams[] = {
    {"root", eorun::ParamType::path, "\"\"", nullptr, "folder with classes.txt and labels.csv"},
    {"bands", eorun::ParamType::string_list, "[\"B02\", \"B03\", \"B04\", \"B08\"]", nullptr,
     "names of the files' bands, in file order"},
    eorun::ParamSpec{"resolution", eorun::ParamType::real, "10.0", nullptr,
                     "ground size of a pixel in metres"}
        .greater_than(0),
};
constexpr eorun::ParamSpec kSynthParams[] = {
    eorun::ParamSpec{"size", eorun::ParamType::integer, "32", nullptr, "side of each image in pixels"}
        .between(4, 1024),
};

}  // namespace

EORUN_DECLARE_PLUGIN(eorun::dataset_plugin("@NAME@", "0.1.0",
                                           "GeoTIFFs listed in labels.csv, multi-label (made by "
                                           "eorun new-plugin)",
                                           kParams, &create)
                         .with_init(&register_gdal)
                         .with_synth(&write_copy, kSynthParams))
