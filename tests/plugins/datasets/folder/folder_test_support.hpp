// Shared set-up of the folder plugin tests: options, synthetic copies, hand-made tables.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "folder_dataset.hpp"
#include "support/error_text.hpp"
#include "support/gdal_read.hpp"
#include "support/geotiff_writer.hpp"
#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"
#include "synth/folder_synth.hpp"

namespace eorun::folder::test_support {

namespace fs = std::filesystem;
using test::error_of;
using test::gdal_band;
using test::read_text;

inline FolderOptions make_options(const fs::path& csv, const std::string& split,
                                  std::vector<std::string> bands) {
  FolderOptions options;
  options.csv = csv;
  options.bands = std::move(bands);
  options.split = split;
  return options;
}

inline void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// A UInt16 GeoTIFF of `bands` bands, `size` x `size` pixels, every value of band b = value + b.
inline void write_tif(const fs::path& path, int size, int bands, std::uint16_t value) {
  std::vector<std::uint16_t> pixels(static_cast<std::size_t>(size) * size * bands);
  for (int b = 0; b < bands; ++b)
    std::fill(pixels.begin() + static_cast<std::ptrdiff_t>(b) * size * size,
              pixels.begin() + static_cast<std::ptrdiff_t>(b + 1) * size * size,
              static_cast<std::uint16_t>(value + b));
  fs::create_directories(path.parent_path());
  support::write_geotiff(path, pixels, size, size, bands, support::Georeference{});
}

// A synthetic copy in a fresh temporary folder.
class SynthCopy {
 public:
  explicit SynthCopy(int samples, int bands = 4, bool multi_label = false, std::uint64_t seed = 3,
                     int threads = 2, int size = 16) {
    SynthRequest request;
    request.out = dir_.path().string();
    request.samples = samples;
    request.seed = seed;
    request.threads = threads;
    Params options("synth");
    options.set("bands", std::int64_t{bands});
    options.set("classes", std::int64_t{4});
    options.set("size", std::int64_t{size});
    options.set("multi_label", multi_label);
    result_ = write_synthetic_folder(request, options);
    bands_ = synth_band_names(bands);
  }
  const fs::path& path() const { return dir_.path(); }
  fs::path csv() const { return dir_.path() / "data.csv"; }
  const std::vector<std::string>& bands() const { return bands_; }
  const SynthResult& result() const { return result_; }
  FolderOptions options(const std::string& split) const {
    return make_options(csv(), split, bands_);
  }

 private:
  test::TempDir dir_;
  SynthResult result_;
  std::vector<std::string> bands_;
};

}  // namespace eorun::folder::test_support
