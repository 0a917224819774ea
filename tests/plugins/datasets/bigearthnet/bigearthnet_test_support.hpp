// Shared set-up of the bigearthnet plugin tests: dataset options, synthetic and real roots.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bigearthnet_dataset.hpp"
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

inline std::vector<std::string> rgb() { return {"B04", "B03", "B02"}; }
inline std::vector<std::string> ms() {
  return {"B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B11", "B12"};
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

// A synthetic BigEarthNet of `patches` patches in a fresh temporary folder.
class SynthRoot {
 public:
  explicit SynthRoot(int patches, std::uint64_t seed = 3) {
    SynthRequest request;
    request.out = dir_.path().string();
    request.samples = patches;
    request.seed = seed;
    request.threads = 2;
    bigearthnet::write_synthetic_bigearthnet(request, Params("synth"));
  }
  const fs::path& path() const { return dir_.path(); }
  fs::path patch_folder(const std::string& patch) const {
    return dir_.path() / "BigEarthNet-v1.0" / patch;
  }
  fs::path band_file(const std::string& patch, const std::string& band) const {
    return patch_folder(patch) / (patch + "_" + band + ".tif");
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
};

// The real six-patch sample (read-only), or an empty path when it is not on this machine.
// EORUN_BIGEARTHNET_SAMPLE overrides the default location next to the project.
inline fs::path real_sample_folder() {
  if (const char* env = std::getenv("EORUN_BIGEARTHNET_SAMPLE"); env && *env)
    return fs::is_directory(env) ? fs::path(env) : fs::path();
  fs::path sample = fs::path(EORUN_SOURCE_DIR) / ".." / "shared" / "data" / "bigearthnet-v1-sample";
  return fs::is_directory(sample / "BigEarthNet-v1.0") ? sample.lexically_normal() : fs::path();
}

}  // namespace eorun::bigearthnet::test_support
