#include "synth/eurosat_synth.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "eorun/error.hpp"
#include "eorun/parallel_for.hpp"
#include "eurosat_layout.hpp"
#include "support/geotiff_writer.hpp"
#include "support/stratified_split.hpp"
#include "support/synth_random.hpp"
#include "synth/scene_painter.hpp"

namespace eorun::eurosat {

namespace fs = std::filesystem;

namespace {

using support::derive_seed;

constexpr std::uint64_t kSceneStream = 1;
constexpr std::uint64_t kSplitStream = 2;
constexpr int kScenesPerRow = 100;
constexpr double kSceneMetres = kPatchSize * kResolutionM;  // 640 m
constexpr double kOriginEasting = 399960.0;                 // west edge of UTM tile 33UUP
constexpr double kOriginNorthing = 5400000.0;
constexpr const char* kSplitNames[] = {"train", "val", "test"};

fs::path split_path(const fs::path& out, int split) {
  return out / (std::string("eurosat-") + kSplitNames[split] + ".txt");
}

// Removes `folder` (and the split files) for --force, or refuses without it.
void clear_existing(const fs::path& folder, const fs::path& out, bool overwrite) {
  std::error_code ec;
  if (!fs::exists(folder, ec)) return;
  if (!overwrite)
    throw Error("--out", "'" + folder.string() + "' already exists",
                "remove it, choose another --out, or pass --force to replace it");
  fs::remove_all(folder, ec);
  if (ec)
    throw Error("--out", "cannot remove '" + folder.string() + "': " + ec.message(),
                "remove it by hand");
  for (int split = 0; split < 3; ++split) fs::remove(split_path(out, split), ec);
}

// A fresh `<name>.partial` folder in `out` with one empty folder per class.
fs::path start_partial(const fs::path& out, const std::string& name) {
  const fs::path partial = out / (name + ".partial");
  std::error_code ec;
  fs::remove_all(partial, ec);  // left by an interrupted run
  for (const std::string& class_name : class_names())
    fs::create_directories(partial / class_name, ec);
  if (ec)
    throw Error("--out", "cannot create '" + partial.string() + "': " + ec.message(),
                "check that the folder is writable");
  return partial;
}

void finish_partial(const fs::path& partial, const fs::path& folder) {
  std::error_code ec;
  fs::rename(partial, folder, ec);
  if (ec)
    throw Error(
        "--out",
        "cannot rename '" + partial.string() + "' to '" + folder.string() + "': " + ec.message(),
        "check the folder's permissions");
}

void write_scene(int index, std::uint64_t seed, const fs::path* ms, const fs::path* rgb) {
  const int label = synth_sample_class(index);
  const std::string id = synth_sample_id(index);
  const std::string& class_name = class_names()[static_cast<std::size_t>(label)];
  const PaintedScene scene =
      paint_scene(label, derive_seed(seed, kSceneStream, static_cast<std::uint64_t>(index)));
  if (ms != nullptr) {
    const double ulx = kOriginEasting + kSceneMetres * (index % kScenesPerRow);
    const double uly = kOriginNorthing - kSceneMetres * (index / kScenesPerRow);
    const support::Georeference georeference{
        {ulx, double{kResolutionM}, 0.0, uly, 0.0, -double{kResolutionM}}, support::kUtm33nWkt};
    support::write_geotiff(*ms / class_name / (id + ".tif"), scene.ms, kPatchSize, kPatchSize,
                           kMsFileBands, georeference);
  }
  if (rgb != nullptr)
    support::write_image(*rgb / class_name / (id + ".jpg"), scene.rgb, kPatchSize, kPatchSize,
                         kRgbFileBands, support::ImageFormat::jpeg);
}

}  // namespace

int synth_sample_class(int index) { return index % kClassCount; }

std::string synth_sample_id(int index) {
  return class_names()[static_cast<std::size_t>(synth_sample_class(index))] + "_" +
         std::to_string(index / kClassCount + 1);
}

SynthResult write_synthetic_eurosat(const SynthRequest& request, const Params& options) {
  const std::string format = options.has("format") ? options.get_string("format") : "both";
  const bool want_ms = format != "rgb";
  const bool want_rgb = format != "ms";
  const int count = static_cast<int>(request.samples);

  std::vector<std::size_t> strata;
  for (int i = 0; i < count; ++i) strata.push_back(static_cast<std::size_t>(synth_sample_class(i)));
  const std::vector<support::SplitName> splits = support::stratified_split(
      strata,
      {derive_seed(request.seed, kSplitStream, 0), request.val_fraction, request.test_fraction},
      "--val-fraction/--test-fraction");

  const fs::path out = request.out;
  const fs::path ms_folder = out / kSynthMsFolder;
  const fs::path rgb_folder = out / kSynthRgbFolder;
  if (want_ms) clear_existing(ms_folder, out, request.overwrite);
  if (want_rgb) clear_existing(rgb_folder, out, request.overwrite);
  const fs::path ms_partial = want_ms ? start_partial(out, kSynthMsFolder) : fs::path();
  const fs::path rgb_partial = want_rgb ? start_partial(out, kSynthRgbFolder) : fs::path();

  parallel_for(static_cast<std::size_t>(count), request.threads, [&](std::size_t i) {
    write_scene(static_cast<int>(i), request.seed, want_ms ? &ms_partial : nullptr,
                want_rgb ? &rgb_partial : nullptr);
  });
  if (want_ms) finish_partial(ms_partial, ms_folder);
  if (want_rgb) finish_partial(rgb_partial, rgb_folder);

  SynthResult result;
  std::string lists[3];
  for (int i = 0; i < count; ++i) {
    const auto split = static_cast<int>(splits[static_cast<std::size_t>(i)]);
    lists[split] += synth_sample_id(i) + ".jpg\n";
    (split == 0 ? result.train : split == 1 ? result.val : result.test) += 1;
  }
  for (int split = 0; split < 3; ++split)
    support::write_text_file(split_path(out, split), lists[split]);

  result.files = static_cast<std::size_t>(count) * ((want_ms ? 1 : 0) + (want_rgb ? 1 : 0)) + 3;
  result.layout = want_ms && want_rgb ? "EuroSAT MS GeoTIFFs and RGB JPEGs"
                  : want_ms           ? "EuroSAT MS GeoTIFFs"
                                      : "EuroSAT RGB JPEGs";
  result.dataset_params = {{"root", nlohmann::json(out.string()).dump()}};
  if (!want_ms) result.dataset_params.emplace_back("format", "\"rgb\"");
  return result;
}

}  // namespace eorun::eurosat
