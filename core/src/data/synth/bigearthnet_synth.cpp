#include "data/synth/bigearthnet_synth.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/synth/geotiff_writer.hpp"
#include "data/synth/patch_painter.hpp"
#include "data/synth/synth_random.hpp"
#include "eorun/error.hpp"

namespace eorun::synth {

namespace {

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
// WGS 84 / UTM zone 33N as BigEarthNet's label files spell it (WKT1), fixed text so that the
// output does not depend on the PROJ database version.
constexpr const char* kUtm33nWkt =
    "PROJCS[\"WGS 84 / UTM zone 33N\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\","
    "6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM["
    "\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY["
    "\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\","
    "\"4326\"]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],"
    "PARAMETER[\"central_meridian\",15],PARAMETER[\"scale_factor\",0.9996],PARAMETER["
    "\"false_easting\",500000],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1,AUTHORITY["
    "\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\","
    "\"32633\"]]";

enum class Split { train, val, test };

void check_options(const SynthOptions& options) {
  if (options.out.empty()) throw Error("--out", "no output folder given", "pass --out DIR");
  if (options.patches < 1)
    throw Error("--patches", "must be at least 1, got " + std::to_string(options.patches),
                "e.g. --patches 600");
  auto fraction_ok = [](double f) { return std::isfinite(f) && f >= 0.0 && f < 1.0; };
  if (!fraction_ok(options.val_fraction))
    throw Error("--val-fraction", "must be in [0, 1), got " + std::to_string(options.val_fraction),
                "e.g. --val-fraction 0.2");
  if (!fraction_ok(options.test_fraction))
    throw Error("--test-fraction",
                "must be in [0, 1), got " + std::to_string(options.test_fraction),
                "e.g. --test-fraction 0.2");
  if (options.threads < 0)
    throw Error("--threads",
                "must be 0 (one per core) or more, got " + std::to_string(options.threads),
                "e.g. --threads 4");
}

// Which split each patch is in: a seeded permutation, the first `test` patches of it in test,
// the next `val` in val, the rest in train.
std::vector<Split> assign_splits(const SynthOptions& options) {
  const auto n = static_cast<std::size_t>(options.patches);
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

void write_text_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out)
    throw Error("file '" + path.string() + "'", "cannot be written",
                "check that the output folder is writable and has free space");
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
    Georeference georeference{{ulx, pixel, 0.0, uly, 0.0, -pixel}, kUtm33nWkt};
    write_uint16_geotiff(folder / (name + "_" + std::string(bands[b].name) + ".tif"),
                         patch.bands[b], size, georeference);
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
  metadata["projection"] = kUtm33nWkt;
  metadata["tile_source"] = kTileSource;
  metadata["acquisition_date"] = kAcquisitionDate;
  write_text_file(folder / (name + "_labels_metadata.json"), metadata.dump());
}

// Runs write_patch for every index on `threads` threads; rethrows the error of the lowest index.
void write_patches(const std::filesystem::path& s2_folder, const SynthOptions& options) {
  int threads = options.threads > 0
                    ? options.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::min(threads, options.patches);
  std::atomic<int> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  int error_index = options.patches;
  std::exception_ptr error;
  auto work = [&] {
    for (int i = next++; i < options.patches && !failed; i = next++) {
      try {
        write_patch(s2_folder, i, options.seed);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (i < error_index) {
          error_index = i;
          error = std::current_exception();
        }
        failed = true;
      }
    }
  };
  std::vector<std::thread> workers;
  for (int t = 1; t < threads; ++t) workers.emplace_back(work);
  work();
  for (std::thread& worker : workers) worker.join();
  if (error) std::rethrow_exception(error);
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

SynthSummary write_synthetic_bigearthnet(const SynthOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  check_options(options);
  const std::vector<Split> splits = assign_splits(options);

  const std::filesystem::path out = options.out;
  const std::filesystem::path s2_folder = out / kSynthS2Folder;
  const std::filesystem::path partial = out / (std::string(kSynthS2Folder) + ".partial");
  const std::filesystem::path csv_paths[] = {out / kSynthTrainCsv, out / kSynthValCsv,
                                             out / kSynthTestCsv};
  std::error_code ec;
  if (std::filesystem::exists(s2_folder, ec)) {
    if (!options.overwrite)
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

  prepare_gdal_for_writing();
  write_patches(partial, options);
  std::filesystem::rename(partial, s2_folder, ec);
  if (ec)
    throw Error(
        "--out",
        "cannot rename '" + partial.string() + "' to '" + s2_folder.string() + "': " + ec.message(),
        "check the folder's permissions");

  SynthSummary summary;
  std::string csv_text[3];
  for (int i = 0; i < options.patches; ++i) {
    const auto split = static_cast<std::size_t>(splits[static_cast<std::size_t>(i)]);
    csv_text[split] += synth_s2_patch_name(i) + "," + synth_s1_patch_name(i) + "\n";
    (split == 0 ? summary.train : split == 1 ? summary.val : summary.test) += 1;
  }
  for (std::size_t split = 0; split < 3; ++split)
    write_text_file(csv_paths[split], csv_text[split]);

  summary.files = static_cast<std::size_t>(options.patches) * (synth_bands().size() + 1) + 3;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace eorun::synth
