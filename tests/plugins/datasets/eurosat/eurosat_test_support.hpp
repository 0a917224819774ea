// Shared set-up of the eurosat plugin tests: dataset options, a synthetic root, direct GDAL reads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "eorun/error.hpp"
#include "eurosat_dataset.hpp"
#include "support/error_text.hpp"
#include "support/gdal_read.hpp"
#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"
#include "synth/eurosat_synth.hpp"

namespace eorun::eurosat::test_support {

namespace fs = std::filesystem;

inline EuroSatOptions make_options(const fs::path& root, const std::string& split,
                                   Format format = Format::ms,
                                   std::vector<std::string> bands = {}) {
  EuroSatOptions options;
  options.root = root;
  options.format = format;
  options.bands = bands.empty() ? select_bands("all", format) : std::move(bands);
  options.split = split;
  options.split_file = root / ("eurosat-" + split + ".txt");
  return options;
}

using test::read_text;

inline void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

inline std::vector<std::string> lines_of(const fs::path& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

using test::error_of;
using test::gdal_band;
using test::gdal_band_count;

// A synthetic EuroSAT of `samples` samples (both layouts unless `format` says otherwise) in a
// fresh temporary folder.
class SynthRoot {
 public:
  explicit SynthRoot(int samples, std::uint64_t seed = 3, const std::string& format = "both",
                     int threads = 2) {
    SynthRequest request;
    request.out = dir_.path().string();
    request.samples = samples;
    request.seed = seed;
    request.threads = threads;
    Params options("synth");
    options.set("format", format);
    result_ = write_synthetic_eurosat(request, options);
  }
  const fs::path& path() const { return dir_.path(); }
  const SynthResult& result() const { return result_; }
  fs::path tif(const std::string& id) const {
    return dir_.path() / "EuroSAT_MS" / id.substr(0, id.rfind('_')) / (id + ".tif");
  }
  fs::path jpg(const std::string& id) const {
    return dir_.path() / "EuroSAT_RGB" / id.substr(0, id.rfind('_')) / (id + ".jpg");
  }
  fs::path split_file(const std::string& split) const {
    return dir_.path() / ("eurosat-" + split + ".txt");
  }

 private:
  test::TempDir dir_;
  SynthResult result_;
};

}  // namespace eorun::eurosat::test_support
