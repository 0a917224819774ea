// Shared set-up of the bigearthnet plugin tests: dataset options, synthetic and real roots.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <ATen/ATen.h>
#include <gdal.h>

#include "bigearthnet_dataset.hpp"
#include "eorun/error.hpp"
#include "synth/bigearthnet_synth.hpp"
#include "support/temp_dir.hpp"

namespace eorun::bigearthnet::test_support {

namespace fs = std::filesystem;

inline BigEarthNetOptions make_options(const fs::path& root, const std::string& split,
                                       std::vector<std::string> bands, int classes = 19) {
  BigEarthNetOptions options;
  options.root = root;
  options.bands = std::move(bands);
  options.num_classes = classes;
  options.split = split;
  options.split_file = "bigearthnet-" + split + ".csv";
  return options;
}

// v2: labels and splits from the metadata table (split_file "" = its split column).
inline BigEarthNetOptions make_v2_options(const fs::path& root, const std::string& split,
                                          std::vector<std::string> bands) {
  BigEarthNetOptions options;
  options.root = root;
  options.version = 2;
  options.bands = std::move(bands);
  options.split = split;
  return options;
}

inline std::vector<std::string> rgb() { return {"B04", "B03", "B02"}; }
inline std::vector<std::string> ms() {
  return {"B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B11", "B12"};
}
inline std::vector<std::string> s1() { return {"VV", "VH"}; }
inline std::vector<std::string> s1s2() {
  std::vector<std::string> bands = ms();
  bands.insert(bands.end(), {"VV", "VH"});
  return bands;
}

#define EXPECT_CONTAINS(text, part) \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "in: " << (text)

// The message of the eorun::Error `action` throws, or "(no error)".
inline std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

// Band 1 of a raster file as stored, [height, width] Float32, read with plain GDAL (not the
// plugin's reader); undefined when GDAL cannot read it.
inline at::Tensor file_pixels(const fs::path& file) {
  GDALAllRegister();
  GDALDatasetH dataset = GDALOpen(file.c_str(), GA_ReadOnly);
  if (dataset == nullptr) return {};
  const int w = GDALGetRasterXSize(dataset);
  const int h = GDALGetRasterYSize(dataset);
  at::Tensor pixels = at::empty({h, w}, at::kFloat);
  CPLErr status = GDALRasterIO(GDALGetRasterBand(dataset, 1), GF_Read, 0, 0, w, h,
                               pixels.data_ptr<float>(), w, h, GDT_Float32, 0, 0);
  GDALClose(dataset);
  return status == CE_None ? pixels : at::Tensor();
}

// The absolute, normal form of `path`, as the dataset names files.
inline std::string absolute_name(const fs::path& path) {
  return fs::absolute(path).lexically_normal().string();
}

inline std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// A synthetic BigEarthNet of `patches` patches in a fresh temporary folder: v1.0 S2 by default,
// with S1 patches when `s1`, the v2 tree when `version` is 2.
class SynthRoot {
 public:
  explicit SynthRoot(int patches, std::uint64_t seed = 3, bool s1 = false, int version = 1)
      : version_(version) {
    SynthRequest request;
    request.out = dir_.path().string();
    request.samples = patches;
    request.seed = seed;
    request.threads = 2;
    Params options("synth");
    options.set("version", std::int64_t{version});
    options.set("s1", s1);
    bigearthnet::write_synthetic_bigearthnet(request, options);
  }
  const fs::path& path() const { return dir_.path(); }
  // v1: BigEarthNet-v1.0/<patch>; v2: BigEarthNet-S2/<patch minus last two tokens>/<patch>.
  fs::path patch_folder(const std::string& patch) const {
    if (version_ == 1) return dir_.path() / "BigEarthNet-v1.0" / patch;
    const std::string tile = patch.substr(0, patch.rfind('_', patch.rfind('_') - 1));
    return dir_.path() / "BigEarthNet-S2" / tile / patch;
  }
  fs::path band_file(const std::string& patch, const std::string& band) const {
    return patch_folder(patch) / (patch + "_" + band + ".tif");
  }
  // v1: BigEarthNet-S1-v1.0/<s1>; v2: BigEarthNet-S1/<s1 minus last three tokens>/<s1>.
  fs::path s1_folder(const std::string& s1) const {
    if (version_ == 1) return dir_.path() / "BigEarthNet-S1-v1.0" / s1;
    std::size_t cut = s1.size();
    for (int i = 0; i < 3; ++i) cut = s1.rfind('_', cut - 1);
    return dir_.path() / "BigEarthNet-S1" / s1.substr(0, cut) / s1;
  }
  fs::path s1_band_file(const std::string& s1, const std::string& band) const {
    return s1_folder(s1) / (s1 + "_" + band + ".tif");
  }
  fs::path label_file(const std::string& patch) const {
    return patch_folder(patch) / (patch + "_labels_metadata.json");
  }
  // The first S2 patch name of a split file.
  std::string first_patch(const std::string& split) const {
    std::string text = read_text(dir_.path() / ("bigearthnet-" + split + ".csv"));
    return text.substr(0, text.find(','));
  }

 private:
  test::TempDir dir_;
  int version_;
};

// The S1 partner of a synthetic v1 S2 patch (same row and column).
inline std::string synth_s1_of(const std::string& s2_patch) {
  const std::string s2_prefix = "S2A_MSIL2A_20170613T101031";
  return "S1A_IW_GRDH_1SDV_20170613T165043_33UUP" + s2_patch.substr(s2_prefix.size());
}

// The real six-patch sample (read-only), or an empty path when it is not on this machine.
// EORUN_BIGEARTHNET_SAMPLE overrides the default location next to the project.
inline fs::path real_sample_folder() {
  if (const char* env = std::getenv("EORUN_BIGEARTHNET_SAMPLE"); env && *env)
    return fs::is_directory(env) ? fs::path(env) : fs::path();
  fs::path sample = fs::path(EORUN_SOURCE_DIR) / ".." / "shared" / "data" / "bigearthnet-v1-sample";
  return fs::is_directory(sample / "BigEarthNet-v1.0") ? sample.lexically_normal() : fs::path();
}

}  // namespace eorun::bigearthnet::test_support
