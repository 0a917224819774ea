// Reading bands of one raster file (GeoTIFF, JPEG, PNG) with GDAL into float buffers, with the
// checks every reader of a published layout needs: the file exists and opens, and has the size,
// band count and data type the layout promises. Errors name the sample and the file.
//
// Thread-safe in the way the readers need: each RasterFile owns its own GDAL handle, so loader
// threads each open their own (GDAL handles are not shareable across threads).
#pragma once

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

#include "support/gdal_support.hpp"

namespace eorun::support {

struct RasterShape {
  int width = 0;
  int height = 0;
  int bands = 0;
  std::string data_type;  // GDAL's name of band 1's type: "Byte", "UInt16", "Float32", ...
};

class RasterFile {
 public:
  // Opens `path` read-only with one of `drivers` (GDAL short names; none: any raster driver)
  // and no side-car probing.
  // `subject` names the sample in errors (e.g. "eurosat sample 'Forest_12'"), `remedy` says what
  // to do about a missing or broken file. Throws eorun::Error: "file '<path>' does not exist" or
  // "file '<path>' is not a readable <drivers> raster (GDAL: ...)".
  RasterFile(const std::filesystem::path& path, std::string subject, std::string remedy,
             std::initializer_list<const char*> drivers = {"GTiff"});

  const RasterShape& shape() const { return shape_; }
  // Each band's description (GDAL's, "" where a band has none), band 1 first.
  std::vector<std::string> band_descriptions() const;
  // The geotransform (GDAL's default {0, 1, 0, 0, 0, 1} when the file has none) and projection
  // ("" when none).
  Georeference georeference() const;
  // Bytes of one row of GDAL blocks (full width) of each of `bands` (1-based) in the file's types.
  std::int64_t block_row_bytes(const std::vector<int>& bands) const;
  const std::filesystem::path& path() const { return path_; }

  // Throws eorun::Error naming the file unless it has `width` x `height` pixels (0: any), at
  // least `min_bands` bands, and band 1 of one of `types` (GDAL names; empty: any).
  void require(int width, int height, int min_bands,
               std::initializer_list<const char*> types = {}) const;

  // Reads the 1-based `band` as Float32 into `out` (out_width x out_height values, row-major),
  // bilinearly resampled (GRIORA_Bilinear) when the size differs from the file's. Values stay in
  // the file's units. Throws eorun::Error naming the file when the band does not exist or the
  // read fails.
  void read_band(int band, float* out, int out_width, int out_height) const;
  // Reads `width` x `height` pixels of the 1-based `band` from column `x`, row `y` as Float32
  // into `out`, at the file's resolution. Throws eorun::Error naming the file when the window is
  // not inside the raster or the read fails (a truncated file fails here once its tail is read).
  void read_window(int band, int x, int y, int width, int height, float* out) const;
  // read_band for each of `bands` (1-based), channel after channel into `out`.
  void read_bands(const std::vector<int>& bands, float* out, int out_width, int out_height) const;

  // An eorun::Error about this file: subject as given, problem "file '<path>' <problem>".
  [[noreturn]] void fail(const std::string& problem) const;

 private:
  std::filesystem::path path_;
  std::string subject_;
  std::string remedy_;
  GdalDatasetHandle dataset_;
  RasterShape shape_;
};

}  // namespace eorun::support
