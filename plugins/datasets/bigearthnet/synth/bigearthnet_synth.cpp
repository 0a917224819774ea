#include "synth/bigearthnet_synth.hpp"

#include <cmath>
#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

#include "eorun/error.hpp"
#include "eorun/parallel_for.hpp"
#include "support/geotiff_writer.hpp"
#include "support/synth_random.hpp"
#include "synth/patch_painter.hpp"

namespace eorun::bigearthnet {

namespace {

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

constexpr const char* kAcquisition = "20170613T101031";
constexpr const char* kTileSource =
    "S2A_MSIL1C_20170613T101031_N0205_R022_T33UUP_20170613T101608.SAFE";
constexpr const char* kAcquisitionDate = "2017-06-13 10:10:31";
enum class Split { train, val, test };

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

// Writes the 12 bands and the label file of patch `index` into `s2_folder`.
void write_patch(const std::filesystem::path& s2_folder, int index, std::uint64_t seed) {
  const std::string name = synth_s2_patch_name(index);
  const std::filesystem::path folder = s2_folder / name;
  std::error_code ec;
  std::filesystem::create_directory(folder, ec);
  if (ec)
    throw Error("folder '" + folder.string() + "'", "cannot be created: " + ec.message(),
                "check that the output folder is writable");

  const PaintedPatch patch =
      paint_patch(derive_seed(seed, kPatchStream, static_cast<std::uint64_t>(index)));
  const double ulx = kOriginEasting + kPatchMetres * (index % kPatchesPerRow);
  const double uly = kOriginNorthing - kPatchMetres * (index / kPatchesPerRow);

  const auto& bands = synth_bands();
  for (std::size_t b = 0; b < bands.size(); ++b) {
    const int size = bands[b].size;
    const double pixel = kPatchMetres / size;
    Georeference georeference{{ulx, pixel, 0.0, uly, 0.0, -pixel}, support::kUtm33nWkt};
    support::write_geotiff(folder / (name + "_" + std::string(bands[b].name) + ".tif"),
                           patch.bands[b], size, size, 1, georeference);
  }

  nlohmann::ordered_json labels = nlohmann::ordered_json::array();
  for (int c : patch.classes)
    labels.push_back(std::string(synth_classes()[static_cast<std::size_t>(c)].name));
  nlohmann::ordered_json metadata;
  metadata["labels"] = labels;
  metadata["coordinates"] = {{"ulx", static_cast<std::int64_t>(ulx)},
                             {"uly", static_cast<std::int64_t>(uly)},
                             {"lrx", static_cast<std::int64_t>(ulx + kPatchMetres)},
                             {"lry", static_cast<std::int64_t>(uly - kPatchMetres)}};
  metadata["projection"] = support::kUtm33nWkt;
  metadata["tile_source"] = kTileSource;
  metadata["acquisition_date"] = kAcquisitionDate;
  write_text_file(folder / (name + "_labels_metadata.json"), metadata.dump());
}

}  // namespace

std::string synth_s2_patch_name(int index) {
  return std::string("S2A_MSIL2A_") + kAcquisition + "_" + std::to_string(index / kPatchesPerRow) +
         "_" + std::to_string(index % kPatchesPerRow);
}

std::string synth_s1_patch_name(int index) {
  return "S1A_IW_GRDH_1SDV_20170613T165043_33UUP_" + std::to_string(index / kPatchesPerRow) + "_" +
         std::to_string(index % kPatchesPerRow);
}

SynthResult write_synthetic_bigearthnet(const SynthRequest& request, const Params&) {
  const std::vector<Split> splits = assign_splits(request);
  const int patches = static_cast<int>(request.samples);

  const std::filesystem::path out = request.out;
  const std::filesystem::path s2_folder = out / kSynthS2Folder;
  const std::filesystem::path partial = out / (std::string(kSynthS2Folder) + ".partial");
  const std::filesystem::path csv_paths[] = {out / kSynthTrainCsv, out / kSynthValCsv,
                                             out / kSynthTestCsv};
  std::error_code ec;
  if (std::filesystem::exists(s2_folder, ec)) {
    if (!request.overwrite)
      throw Error("--out", "'" + s2_folder.string() + "' already exists",
                  "remove it, choose another --out, or pass --force to replace it");
    std::filesystem::remove_all(s2_folder, ec);
    if (ec)
      throw Error("--out", "cannot remove '" + s2_folder.string() + "': " + ec.message(),
                  "remove it by hand");
    for (const auto& csv : csv_paths) std::filesystem::remove(csv, ec);
  }
  std::filesystem::remove_all(partial, ec);  // left by an interrupted run
  std::filesystem::create_directories(partial, ec);
  if (ec)
    throw Error("--out", "cannot create '" + partial.string() + "': " + ec.message(),
                "check that the folder is writable");

  parallel_for(static_cast<std::size_t>(patches), request.threads, [&](std::size_t i) {
    write_patch(partial, static_cast<int>(i), request.seed);
  });
  std::filesystem::rename(partial, s2_folder, ec);
  if (ec)
    throw Error(
        "--out",
        "cannot rename '" + partial.string() + "' to '" + s2_folder.string() + "': " + ec.message(),
        "check the folder's permissions");

  SynthResult result;
  std::string csv_text[3];
  for (int i = 0; i < patches; ++i) {
    const auto split = static_cast<std::size_t>(splits[static_cast<std::size_t>(i)]);
    csv_text[split] += synth_s2_patch_name(i) + "," + synth_s1_patch_name(i) + "\n";
    (split == 0 ? result.train : split == 1 ? result.val : result.test) += 1;
  }
  for (std::size_t split = 0; split < 3; ++split)
    write_text_file(csv_paths[split], csv_text[split]);

  result.files = static_cast<std::size_t>(patches) * (synth_bands().size() + 1) + 3;
  result.layout = "BigEarthNet v1.0 Sentinel-2 layout";
  result.dataset_params = {{"root", nlohmann::json(out.string()).dump()}};
  return result;
}

}  // namespace eorun::bigearthnet
