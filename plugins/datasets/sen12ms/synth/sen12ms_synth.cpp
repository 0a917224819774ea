#include "synth/sen12ms_synth.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "eorun/error.hpp"
#include "eorun/parallel_for.hpp"
#include "igbp.hpp"
#include "patch_name.hpp"
#include "split_list.hpp"
#include "support/geotiff_writer.hpp"
#include "support/synth_random.hpp"
#include "synth/patch_painter.hpp"

namespace eorun::sen12ms {

namespace {

namespace fs = std::filesystem;
using support::derive_seed;
using support::Random;

constexpr const char* kSeasons[] = {"ROIs1158_spring", "ROIs1868_summer", "ROIs1970_fall",
                                    "ROIs2017_winter"};
constexpr std::size_t kSeasonCount = 4;
constexpr std::size_t kMinScenes = 3;       // one each for train, carved val and test
constexpr std::size_t kPaletteSize = 3;     // IGBP classes per scene
constexpr std::uint64_t kPatchStream = 1;
constexpr std::uint64_t kSceneStream = 2;
constexpr std::uint64_t kSplitStream = 3;
constexpr std::uint64_t kCarvingSeed = 0;   // the reader's default split_seed
constexpr int kPatchesPerRow = 16;          // georeferencing: patches side by side in a scene
constexpr double kPixelMetres = 10.0;
constexpr double kOriginEasting = 300000.0;
constexpr double kOriginNorthing = 5500000.0;
constexpr double kSceneSpacingMetres = 100000.0;
constexpr const char* kPartialFolder = ".sen12ms-synth.partial";

struct SynthTriplet {
  PatchName name;
  std::size_t scene = 0;   // index into the scenes
  int column = 0, row = 0;  // position in the scene
  std::uint64_t index = 0;  // seed stream of its pixels
  bool damaged = false;
};

struct SynthScene {
  std::string roi, number;
  std::vector<int> palette;
  bool test = false;
};

std::vector<SynthScene> make_scenes(const SynthRequest& request) {
  const auto samples = static_cast<std::size_t>(request.samples);
  std::size_t count = std::max<std::size_t>(
      kMinScenes, static_cast<std::size_t>(std::llround(std::sqrt(static_cast<double>(samples)))));
  count = std::min(count, samples);
  std::vector<SynthScene> scenes(count);
  for (std::size_t s = 0; s < count; ++s) {
    scenes[s].roi = kSeasons[s % kSeasonCount];
    scenes[s].number = std::to_string(s + 1);
    std::vector<int> codes;
    for (int code = 1; code <= kIgbpClasses; ++code) codes.push_back(code);
    Random random(derive_seed(request.seed, kSceneStream, s));
    random.shuffle(codes);
    scenes[s].palette.assign(codes.begin(), codes.begin() + kPaletteSize);
  }
  // Whole scenes to test: test_fraction of them, at least one when asked, never all.
  std::size_t tests = static_cast<std::size_t>(std::llround(request.test_fraction * count));
  if (request.test_fraction > 0) tests = std::max<std::size_t>(tests, 1);
  tests = std::min(tests, count - 1);
  std::vector<std::size_t> order(count);
  for (std::size_t s = 0; s < count; ++s) order[s] = s;
  Random random(derive_seed(request.seed, kSplitStream, 0));
  random.shuffle(order);
  for (std::size_t t = 0; t < tests; ++t) scenes[order[t]].test = true;
  return scenes;
}

// The triplets: `samples` spread over the scenes as evenly as they go, then `damaged` extra
// ones over the train scenes.
std::vector<SynthTriplet> make_triplets(const std::vector<SynthScene>& scenes, std::size_t samples,
                                        std::size_t damaged) {
  std::vector<int> used(scenes.size(), 0);
  std::vector<SynthTriplet> triplets;
  auto add = [&](std::size_t s, bool broken) {
    const int j = used[s]++;
    SynthTriplet triplet;
    triplet.name = {scenes[s].roi, scenes[s].number, std::to_string(j + 1)};
    triplet.scene = s;
    triplet.column = j % kPatchesPerRow;
    triplet.row = j / kPatchesPerRow;
    triplet.index = triplets.size();
    triplet.damaged = broken;
    triplets.push_back(std::move(triplet));
  };
  for (std::size_t s = 0; s < scenes.size(); ++s) {
    const std::size_t size = samples / scenes.size() + (s < samples % scenes.size() ? 1 : 0);
    for (std::size_t j = 0; j < size; ++j) add(s, false);
  }
  std::vector<std::size_t> train_scenes;
  for (std::size_t s = 0; s < scenes.size(); ++s)
    if (!scenes[s].test) train_scenes.push_back(s);
  for (std::size_t d = 0; d < damaged; ++d) add(train_scenes[d % train_scenes.size()], true);
  return triplets;
}

void create_folder(const fs::path& folder) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec)
    throw Error("folder '" + folder.string() + "'", "cannot be created: " + ec.message(),
                "check that the output folder is writable");
}

// Cuts a written file to half its size, as a broken download or disk leaves it.
void truncate_file(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (!ec) fs::resize_file(path, size / 2, ec);
  if (ec)
    throw Error("synthetic raster '" + path.string() + "'", "cannot be truncated: " + ec.message(),
                "check that the output folder is writable");
}

void write_triplet(const fs::path& folder, const SynthTriplet& triplet, const SynthScene& scene,
                   int size, std::uint64_t seed) {
  const PaintedTriplet painted =
      paint_triplet(derive_seed(seed, kPatchStream, triplet.index), size, scene.palette);
  const double side = size * kPixelMetres;
  const double ulx = kOriginEasting + kSceneSpacingMetres * static_cast<double>(triplet.scene) +
                     side * triplet.column;
  const double uly = kOriginNorthing - side * triplet.row;
  const support::Georeference georeference{{ulx, kPixelMetres, 0.0, uly, 0.0, -kPixelMetres},
                                           support::kUtm33nWkt};
  support::write_geotiff(triplet.name.file(folder, Modality::s2), painted.s2, size, size,
                         kS2Bands, georeference);
  support::write_geotiff(triplet.name.file(folder, Modality::s1), painted.s1, size, size,
                         kS1Bands, georeference);
  support::write_geotiff(triplet.name.file(folder, Modality::lc), painted.lc, size, size,
                         kLcBands, georeference);
  if (triplet.damaged) truncate_file(triplet.name.file(folder, Modality::s1));
}

std::vector<fs::path> layout_paths(const fs::path& out) {
  std::vector<fs::path> paths;
  for (const char* season : kSeasons) paths.push_back(out / season);
  paths.push_back(out / kTrainList);
  paths.push_back(out / kTestList);
  return paths;
}

void clear_previous_copy(const fs::path& out, bool overwrite) {
  std::error_code ec;
  for (const fs::path& path : layout_paths(out)) {
    if (!fs::exists(path, ec)) continue;
    if (!overwrite)
      throw Error("--out", "'" + path.string() + "' already exists",
                  "remove it, choose another --out, or pass --force to replace it");
    fs::remove_all(path, ec);
    if (ec)
      throw Error("--out", "cannot remove '" + path.string() + "': " + ec.message(),
                  "remove it by hand");
  }
}

}  // namespace

SynthResult write_synthetic_sen12ms(const SynthRequest& request, const Params& options) {
  const int size = static_cast<int>(options.get_int("size"));
  const auto damaged = static_cast<std::size_t>(options.get_int("damaged"));
  const std::vector<SynthScene> scenes = make_scenes(request);
  const std::vector<SynthTriplet> triplets =
      make_triplets(scenes, static_cast<std::size_t>(request.samples), damaged);

  const fs::path out = request.out;
  const fs::path partial = out / kPartialFolder;
  clear_previous_copy(out, request.overwrite);
  std::error_code ec;
  fs::remove_all(partial, ec);  // left by an interrupted run
  for (const SynthScene& scene : scenes)
    for (Modality modality : {Modality::s1, Modality::s2, Modality::lc})
      create_folder(partial / scene.roi / (std::string(modality_name(modality)) + "_" + scene.number));

  parallel_for(triplets.size(), request.threads, [&](std::size_t i) {
    write_triplet(partial, triplets[i], scenes[triplets[i].scene], size, request.seed);
  });
  for (const char* season : kSeasons) {
    if (!fs::exists(partial / season, ec)) continue;
    fs::rename(partial / season, out / season, ec);
    if (ec)
      throw Error("--out",
                  "cannot rename '" + (partial / season).string() + "' to '" +
                      (out / season).string() + "': " + ec.message(),
                  "check the folder's permissions");
  }
  fs::remove_all(partial, ec);

  std::string train_text, test_text;
  std::vector<ListedPatch> train;
  SynthResult result;
  for (const SynthTriplet& triplet : triplets) {
    const std::string line = triplet.name.id() + ".tif\n";
    if (scenes[triplet.scene].test) {
      test_text += line;
      ++result.test;
    } else {
      train_text += line;
      train.push_back({triplet.name, train.size() + 1});
    }
  }
  support::write_text_file(out / kTrainList, train_text);
  support::write_text_file(out / kTestList, test_text);

  // What the reader serves: the train list less its carved scenes and its damaged triplets.
  const Carving carving = carve_validation(train, request.val_fraction, kCarvingSeed);
  for (std::size_t i = 0, t = 0; i < triplets.size(); ++i) {
    if (scenes[triplets[i].scene].test) continue;
    if (!triplets[i].damaged) (carving.in_val[t] ? result.val : result.train) += 1;
    ++t;
  }
  result.files = triplets.size() * 3 + 2;
  result.layout = "SEN12MS triplets, " + std::to_string(size) + "x" + std::to_string(size) +
                  " px" + (damaged > 0 ? ", " + std::to_string(damaged) + " damaged" : "");
  result.dataset_params = {{"root", nlohmann::json(out.string()).dump()},
                           {"val_fraction", nlohmann::json(request.val_fraction).dump()}};
  return result;
}

}  // namespace eorun::sen12ms
