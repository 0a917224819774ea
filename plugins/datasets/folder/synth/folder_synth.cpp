#include "synth/folder_synth.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "eorun/error.hpp"
#include "eorun/parallel_for.hpp"
#include "support/geotiff_writer.hpp"
#include "support/stratified_split.hpp"
#include "support/synth_random.hpp"

namespace eorun::folder {

namespace fs = std::filesystem;

namespace {

using support::derive_seed;

constexpr std::uint64_t kImageStream = 1;
constexpr std::uint64_t kSplitStream = 2;
constexpr int kRgbBands = 3;
constexpr double kByteScale = 12.0;  // DN per 8-bit step in the 3-band copies
constexpr double kNoise = 0.04;      // relative pixel noise
constexpr const char* kImages = "images";
constexpr const char* kCsv = "data.csv";

struct SynthShape {
  int bands = 4;
  int classes = 4;
  int size = 32;
  bool multi_label = false;
};

SynthShape shape_from(const Params& options) {
  SynthShape shape;
  if (options.has("bands")) shape.bands = static_cast<int>(options.get_int("bands"));
  if (options.has("classes")) shape.classes = static_cast<int>(options.get_int("classes"));
  if (options.has("size")) shape.size = static_cast<int>(options.get_int("size"));
  if (options.has("multi_label")) shape.multi_label = options.get_bool("multi_label");
  return shape;
}

// Classes of sample i: its main class, and in a multi-label copy every third sample also the
// next class (sorted).
std::vector<int> sample_classes(int index, const SynthShape& shape) {
  const int main = index % shape.classes;
  if (!shape.multi_label || index % 3 != 1) return {main};
  const int second = (main + 1) % shape.classes;
  return {std::min(main, second), std::max(main, second)};
}

// Digital number of class k in band b: distinct per class in every band.
double signature(int k, int b) { return 600.0 + 250.0 * ((k + 3 * b) % 8) + 60.0 * k; }

enum class FileKind { tif, png, jpg };

FileKind file_kind(int index, const SynthShape& shape) {
  if (shape.bands != kRgbBands) return FileKind::tif;
  return index % 3 == 0 ? FileKind::tif : index % 3 == 1 ? FileKind::png : FileKind::jpg;
}

std::string file_name(int index, const SynthShape& shape) {
  char name[32];
  std::snprintf(name, sizeof name, "scene_%04d", index);
  const FileKind kind = file_kind(index, shape);
  return std::string(name) + (kind == FileKind::tif   ? ".tif"
                              : kind == FileKind::png ? ".png"
                                                      : ".jpg");
}

void write_sample(const fs::path& folder, int index, const SynthShape& shape, std::uint64_t seed) {
  support::Random random(derive_seed(seed, kImageStream, static_cast<std::uint64_t>(index)));
  const std::vector<int> classes = sample_classes(index, shape);
  const double brightness = random.uniform(0.9, 1.1);
  const bool vertical = random.below(2) == 0;  // where the second class lies
  const int pixels = shape.size * shape.size;
  const bool eight_bit = shape.bands == kRgbBands;
  std::vector<std::uint16_t> words(static_cast<std::size_t>(shape.bands) * pixels);
  for (int y = 0; y < shape.size; ++y) {
    for (int x = 0; x < shape.size; ++x) {
      const bool second_half = (vertical ? x : y) >= shape.size / 2;
      const int k = classes.size() > 1 && second_half ? classes[1] : classes[0];
      for (int b = 0; b < shape.bands; ++b) {
        double value = signature(k, b) * brightness * (1.0 + kNoise * random.approx_normal());
        if (eight_bit) value /= kByteScale;
        value = std::clamp(std::round(value), 0.0, eight_bit ? 255.0 : 65535.0);
        words[static_cast<std::size_t>(b) * pixels + y * shape.size + x] =
            static_cast<std::uint16_t>(value);
      }
    }
  }
  const fs::path path = folder / file_name(index, shape);
  const FileKind kind = file_kind(index, shape);
  if (kind == FileKind::tif) {
    const double pixel = 10.0;
    const support::Georeference georeference{
        {500000.0 + 1000.0 * index, pixel, 0.0, 5000000.0, 0.0, -pixel}, support::kUtm33nWkt};
    support::write_geotiff(path, words, shape.size, shape.size, shape.bands, georeference);
    return;
  }
  const std::vector<std::uint8_t> bytes(words.begin(), words.end());
  support::write_image(
      path, bytes, shape.size, shape.size, shape.bands,
      kind == FileKind::png ? support::ImageFormat::png : support::ImageFormat::jpeg);
}

}  // namespace

const std::vector<std::string>& synth_class_names() {
  static const std::vector<std::string> names = {"cropland", "forest",  "grassland", "urban",
                                                 "water",    "wetland", "bare",      "snow"};
  return names;
}

std::vector<std::string> synth_band_names(int bands) {
  if (bands == kRgbBands) return {"B04", "B03", "B02"};
  static const std::vector<std::string> order = {"B02", "B03", "B04", "B08", "B05", "B06", "B07",
                                                 "B8A", "B11", "B12", "B01", "B09", "B10"};
  return std::vector<std::string>(order.begin(), order.begin() + bands);
}

SynthResult write_synthetic_folder(const SynthRequest& request, const Params& options) {
  const SynthShape shape = shape_from(options);
  const int count = static_cast<int>(request.samples);

  std::vector<std::size_t> strata;  // the label set, as a number
  for (int i = 0; i < count; ++i) {
    std::size_t key = 0;
    for (int k : sample_classes(i, shape)) key = key * 16 + static_cast<std::size_t>(k) + 1;
    strata.push_back(key);
  }
  const std::vector<support::SplitName> splits = support::stratified_split(
      strata,
      {derive_seed(request.seed, kSplitStream, 0), request.val_fraction, request.test_fraction},
      "--val-fraction/--test-fraction");

  const fs::path out = request.out;
  const fs::path images = out / kImages;
  const fs::path csv = out / kCsv;
  std::error_code ec;
  if (fs::exists(images, ec) || fs::exists(csv, ec)) {
    if (!request.overwrite)
      throw Error("--out", "'" + out.string() + "' already holds " + kImages + "/ or " + kCsv,
                  "remove them, choose another --out, or pass --force to replace them");
    fs::remove_all(images, ec);
    fs::remove(csv, ec);
  }
  const fs::path partial = out / (std::string(kImages) + ".partial");
  fs::remove_all(partial, ec);  // left by an interrupted run
  fs::create_directories(partial, ec);
  if (ec)
    throw Error("--out", "cannot create '" + partial.string() + "': " + ec.message(),
                "check that the folder is writable");
  parallel_for(static_cast<std::size_t>(count), request.threads, [&](std::size_t i) {
    write_sample(partial, static_cast<int>(i), shape, request.seed);
  });
  fs::rename(partial, images, ec);
  if (ec)
    throw Error("--out", "cannot rename '" + partial.string() + "': " + ec.message(),
                "check the folder's permissions");

  SynthResult result;
  std::string text = "path,label,split\n";
  for (int i = 0; i < count; ++i) {
    std::string labels;
    for (int k : sample_classes(i, shape))
      labels += (labels.empty() ? "" : ";") + synth_class_names()[static_cast<std::size_t>(k)];
    const support::SplitName split = splits[static_cast<std::size_t>(i)];
    text += std::string(kImages) + "/" + file_name(i, shape) + "," + labels + "," +
            support::split_name(split) + "\n";
    (split == support::SplitName::train ? result.train
     : split == support::SplitName::val ? result.val
                                        : result.test) += 1;
  }
  support::write_text_file(out / (std::string(kCsv) + ".partial"), text);
  fs::rename(out / (std::string(kCsv) + ".partial"), csv, ec);
  if (ec)
    throw Error("--out", "cannot rename the table to '" + csv.string() + "': " + ec.message(),
                "check the folder's permissions");

  result.files = static_cast<std::size_t>(count) + 1;
  result.layout = "a CSV table of " + std::to_string(shape.bands) + "-band " +
                  (shape.bands == kRgbBands ? "GeoTIFF, PNG and JPEG" : "GeoTIFF") + " files, " +
                  (shape.multi_label ? "multi-label" : "single-label");
  result.dataset_params = {{"csv", nlohmann::json(csv.string()).dump()},
                           {"bands", nlohmann::json(synth_band_names(shape.bands)).dump()}};
  return result;
}

}  // namespace eorun::folder
