#include "synth/bigearthnet_synth.hpp"

#include <cmath>
#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

#include "eorun/error.hpp"
#include "eorun/parallel_for.hpp"
#include "label_map.hpp"
#include "layout.hpp"
#include "patch_names.hpp"
#include "support/geotiff_writer.hpp"
#include "support/synth_random.hpp"
#include "synth/patch_painter.hpp"
#include "synth/radar_painter.hpp"

namespace eorun::bigearthnet {

namespace {

namespace fs = std::filesystem;
using support::derive_seed;
using support::Georeference;
using support::Random;
using support::write_text_file;

constexpr int kPatchesPerRow = 100;
constexpr double kPatchMetres = 1200.0;      // 120 px x 10 m
constexpr double kOriginEasting = 399960.0;  // west edge of UTM tile 33UUP
constexpr double kOriginNorthing = 5400000.0;
constexpr std::uint64_t kPatchStream = 1;
constexpr std::uint64_t kSplitStream = 2;
constexpr std::uint64_t kRadarStream = 3;

constexpr const char* kAcquisition = "20170613T101031";
constexpr const char* kV2ProductTokens = "_N9999_R022_T33UUP";
constexpr const char* kTileSource =
    "S2A_MSIL1C_20170613T101031_N0205_R022_T33UUP_20170613T101608.SAFE";
constexpr const char* kAcquisitionDate = "2017-06-13 10:10:31";
constexpr const char* kS1SceneSource =
    "S1A_IW_GRDH_1SDV_20170613T165043_20170613T165108_017018_01C579_7EEC";
constexpr const char* kS1AcquisitionTime = "2017-06-13T16:50:43";
constexpr const char* kMetadataHeader = "patch_id,s1_name,split,labels\n";
constexpr const char* kRadarBands[] = {"VV", "VH"};  // eorun's canonical S1 order
enum class Split { train, val, test };
constexpr const char* kMetadataSplits[] = {"train", "validation", "test"};

struct SynthOptions {
  int version = kVersion1;
  bool s1 = false;
};

SynthOptions options_of(const Params& params) {
  SynthOptions options;
  if (params.has("version")) options.version = static_cast<int>(params.get_int("version"));
  if (params.has("s1")) options.s1 = params.get_bool("s1");
  if (options.version != kVersion1 && options.version != kVersion2)
    throw Error("synth.version", "BigEarthNet has no version " + std::to_string(options.version),
                "use 1 (BigEarthNet v1.0) or 2 (BigEarthNet v2, reBEN)");
  return options;
}

// Which split each patch is in: a seeded permutation, the first `test` patches of it in test,
// the next `val` in val, the rest in train.
std::vector<Split> assign_splits(const SynthRequest& options) {
  const auto n = static_cast<std::size_t>(options.samples);
  const auto test = static_cast<std::size_t>(std::llround(n * options.test_fraction));
  const auto val = static_cast<std::size_t>(std::llround(n * options.val_fraction));
  if (test + val >= n)
    throw Error("--val-fraction/--test-fraction",
                "leave no patch for training (" + std::to_string(val) + " val + " +
                    std::to_string(test) + " test of " + std::to_string(n) + ")",
                "lower the fractions or raise --patches");
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  Random random(derive_seed(options.seed, kSplitStream, 0));
  random.shuffle(order);
  std::vector<Split> splits(n, Split::train);
  for (std::size_t i = 0; i < test; ++i) splits[order[i]] = Split::test;
  for (std::size_t i = test; i < test + val; ++i) splits[order[i]] = Split::val;
  return splits;
}

void create_folder(const fs::path& folder) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec)
    throw Error("folder '" + folder.string() + "'", "cannot be created: " + ec.message(),
                "check that the output folder is writable");
}

// The 1.2 km square of patch `index` on the 10 m grid of tile 33UUP.
struct Footprint {
  double ulx;
  double uly;
  explicit Footprint(int index)
      : ulx(kOriginEasting + kPatchMetres * (index % kPatchesPerRow)),
        uly(kOriginNorthing - kPatchMetres * (index / kPatchesPerRow)) {}
  Georeference georeference(int size) const {
    const double pixel = kPatchMetres / size;
    return {{ulx, pixel, 0.0, uly, 0.0, -pixel}, support::kUtm33nWkt};
  }
  nlohmann::ordered_json coordinates() const {
    return {{"ulx", static_cast<std::int64_t>(ulx)},
            {"uly", static_cast<std::int64_t>(uly)},
            {"lrx", static_cast<std::int64_t>(ulx + kPatchMetres)},
            {"lry", static_cast<std::int64_t>(uly - kPatchMetres)}};
  }
};

nlohmann::ordered_json label_names_43(const PaintedPatch& patch) {
  nlohmann::ordered_json labels = nlohmann::ordered_json::array();
  for (int c : patch.classes)
    labels.push_back(std::string(synth_classes()[static_cast<std::size_t>(c)].name));
  return labels;
}

// The copy being written: its folders (under temporary names until done) and options.
class SynthCopy {
 public:
  SynthCopy(const SynthRequest& request, SynthOptions options)
      : request_(request), options_(options), out_(request.out) {
    s2_folder_ = out_ / default_s2_folder(options.version);
    s1_folder_ = out_ / default_s1_folder(options.version);
  }

  // The folders this copy owns (S2, S1 when written) and their temporary names.
  std::vector<fs::path> folders() const {
    std::vector<fs::path> out{s2_folder_};
    if (options_.s1) out.push_back(s1_folder_);
    return out;
  }
  static fs::path partial(const fs::path& folder) { return folder.string() + ".partial"; }

  // Writes the bands (and label files) of patch `index`; returns its classes (indices into
  // synth_classes()).
  std::vector<int> write_patch(int index) const {
    const std::string name = synth_s2_patch_name(index, options_.version);
    const fs::path folder = partial(s2_folder_) / tile_folder(product_of(name)) / name;
    create_folder(folder);
    const PaintedPatch patch =
        paint_patch(derive_seed(request_.seed, kPatchStream, static_cast<std::uint64_t>(index)));
    const Footprint footprint(index);
    const auto& bands = synth_bands();
    for (std::size_t b = 0; b < bands.size(); ++b) {
      const int size = bands[b].size;
      support::write_geotiff(folder / (name + "_" + std::string(bands[b].name) + ".tif"),
                             patch.bands[b], size, size, 1, footprint.georeference(size));
    }
    if (options_.version == kVersion1) {
      nlohmann::ordered_json metadata;
      metadata["labels"] = label_names_43(patch);
      metadata["coordinates"] = footprint.coordinates();
      metadata["projection"] = support::kUtm33nWkt;
      metadata["tile_source"] = kTileSource;
      metadata["acquisition_date"] = kAcquisitionDate;
      write_text_file(folder / (name + "_labels_metadata.json"), metadata.dump());
    }
    if (options_.s1) write_radar(index, patch, footprint);
    return patch.classes;
  }

  // The S1 partner of patch `index`: VV and VH, and in v1 its label file.
  void write_radar(int index, const PaintedPatch& patch, const Footprint& footprint) const {
    const std::string name = synth_s1_patch_name(index);
    const fs::path folder = partial(s1_folder_) / tile_folder(s1_tile_folder_of(name)) / name;
    create_folder(folder);
    const RadarPatch radar =
        paint_radar(patch, derive_seed(request_.seed, kRadarStream, static_cast<std::uint64_t>(index)));
    for (const char* band : kRadarBands)
      support::write_geotiff(folder / (name + "_" + band + ".tif"),
                             std::string(band) == "VV" ? radar.vv : radar.vh, kFineSize, kFineSize,
                             1, footprint.georeference(kFineSize));
    if (options_.version != kVersion1) return;
    nlohmann::ordered_json metadata;
    metadata["labels"] = label_names_43(patch);
    metadata["coordinates"] = footprint.coordinates();
    metadata["projection"] = support::kUtm33nWkt;
    metadata["corresponding_s2_patch"] = synth_s2_patch_name(index, kVersion1);
    metadata["scene_source"] = kS1SceneSource;
    metadata["acquisition_time"] = kS1AcquisitionTime;
    write_text_file(folder / (name + "_labels_metadata.json"), metadata.dump());
  }

 private:
  // v2 nests patches in tile folders, v1 does not.
  fs::path tile_folder(const std::string& tile) const {
    return options_.version == kVersion2 ? fs::path(tile) : fs::path();
  }
  static std::string product_of(const std::string& s2_patch) { return s2_product_of(s2_patch); }

  const SynthRequest& request_;
  SynthOptions options_;
  fs::path out_;
  fs::path s2_folder_;
  fs::path s1_folder_;
};

// A CSV field, quoted by RFC 4180 when it holds a comma, quote or line break.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The 19-class names of a patch of `classes` (indices into synth_classes()), joined with ';' in
// class order.
std::string labels_19(const std::vector<int>& classes) {
  std::vector<int> indices43;
  for (int c : classes)
    indices43.push_back(*clc43_index(synth_classes()[static_cast<std::size_t>(c)].name));
  std::string out;
  for (int k : target_indices(indices43, kClasses19))
    out += (out.empty() ? "" : ";") + std::string(clc19_names()[static_cast<std::size_t>(k)]);
  return out;
}

void remove_folder(const fs::path& folder) {
  std::error_code ec;
  fs::remove_all(folder, ec);
  if (ec)
    throw Error("--out", "cannot remove '" + folder.string() + "': " + ec.message(),
                "remove it by hand");
}

}  // namespace

std::string synth_s2_patch_name(int index, int version) {
  return std::string("S2A_MSIL2A_") + kAcquisition +
         (version == kVersion2 ? kV2ProductTokens : "") + "_" +
         std::to_string(index / kPatchesPerRow) + "_" + std::to_string(index % kPatchesPerRow);
}

std::string synth_s1_patch_name(int index) {
  return "S1A_IW_GRDH_1SDV_20170613T165043_33UUP_" + std::to_string(index / kPatchesPerRow) + "_" +
         std::to_string(index % kPatchesPerRow);
}

SynthResult write_synthetic_bigearthnet(const SynthRequest& request, const Params& params) {
  const SynthOptions options = options_of(params);
  const std::vector<Split> splits = assign_splits(request);
  const int patches = static_cast<int>(request.samples);
  const bool v1 = options.version == kVersion1;
  const fs::path out = request.out;
  const SynthCopy copy(request, options);

  // Everything of this version's layout that a previous copy may have left.
  const std::vector<fs::path> folders = {out / default_s2_folder(options.version),
                                         out / default_s1_folder(options.version)};
  const std::vector<fs::path> texts =
      v1 ? std::vector<fs::path>{out / kSynthTrainCsv, out / kSynthValCsv, out / kSynthTestCsv}
         : std::vector<fs::path>{out / kSynthMetadataCsv};
  std::error_code ec;
  for (const fs::path& folder : folders) {
    if (!fs::exists(folder, ec)) continue;
    if (!request.overwrite)
      throw Error("--out", "'" + folder.string() + "' already exists",
                  "remove it, choose another --out, or pass --force to replace it");
    remove_folder(folder);
    for (const fs::path& text : texts) fs::remove(text, ec);
  }
  for (const fs::path& folder : copy.folders()) {
    remove_folder(SynthCopy::partial(folder));  // left by an interrupted run
    create_folder(SynthCopy::partial(folder));
  }

  std::vector<std::vector<int>> classes(static_cast<std::size_t>(patches));
  parallel_for(static_cast<std::size_t>(patches), request.threads,
               [&](std::size_t i) { classes[i] = copy.write_patch(static_cast<int>(i)); });
  for (const fs::path& folder : copy.folders()) {
    fs::rename(SynthCopy::partial(folder), folder, ec);
    if (ec)
      throw Error("--out",
                  "cannot rename '" + SynthCopy::partial(folder).string() + "' to '" +
                      folder.string() + "': " + ec.message(),
                  "check the folder's permissions");
  }

  SynthResult result;
  std::string split_text[3];
  std::string metadata = kMetadataHeader;
  for (int i = 0; i < patches; ++i) {
    const auto split = static_cast<std::size_t>(splits[static_cast<std::size_t>(i)]);
    (split == 0 ? result.train : split == 1 ? result.val : result.test) += 1;
    if (v1) {
      split_text[split] += synth_s2_patch_name(i) + "," + synth_s1_patch_name(i) + "\n";
    } else {
      metadata += synth_s2_patch_name(i, kVersion2) + "," + synth_s1_patch_name(i) + "," +
                  kMetadataSplits[split] + "," + csv_field(labels_19(classes[static_cast<std::size_t>(i)])) + "\n";
    }
  }
  if (v1) {
    for (std::size_t split = 0; split < 3; ++split) write_text_file(texts[split], split_text[split]);
  } else {
    write_text_file(texts[0], metadata);
  }

  const auto n = static_cast<std::size_t>(patches);
  const std::size_t s2_files = synth_bands().size() + (v1 ? 1 : 0);
  const std::size_t s1_files = options.s1 ? std::size(kRadarBands) + (v1 ? 1 : 0) : 0;
  result.files = n * (s2_files + s1_files) + texts.size();
  result.layout = version_name(options.version) +
                  (options.s1 ? " Sentinel-2 and Sentinel-1 layout" : " Sentinel-2 layout");
  result.dataset_params = {{"root", nlohmann::json(out.string()).dump()}};
  if (!v1) result.dataset_params.emplace_back("version", "2");
  return result;
}

}  // namespace eorun::bigearthnet
