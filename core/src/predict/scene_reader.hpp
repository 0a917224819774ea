// The scene `eorun predict` classifies: any raster GDAL reads, its bands named (--bands or the
// band descriptions) and matched to the run's bands, read a few rows at a time so that memory
// does not grow with the scene.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "support/raster_file.hpp"

namespace eorun {

class SceneReader {
 public:
  // Opens `path` and finds the scene band of each of `run_bands` (channel order); `listed` is
  // --bands ({"auto"}: the band descriptions). `run` names the run in errors ("run 0123abcd").
  // Throws eorun::Error when the file is missing or no raster, or a band is missing or unnamed.
  SceneReader(const std::filesystem::path& path, const std::vector<std::string>& listed,
              const std::vector<std::string>& run_bands, const std::string& run);

  int width() const { return file_.shape().width; }
  int height() const { return file_.shape().height; }
  int channels() const { return static_cast<int>(bands_.size()); }
  const std::vector<std::string>& scene_band_names() const { return names_; }
  // The 1-based scene band read into each channel.
  const std::vector<int>& bands() const { return bands_; }
  support::Georeference georeference() const { return file_.georeference(); }
  const std::filesystem::path& path() const { return file_.path(); }

  // Rows [first, first + count) of every channel as float32 in the file's units, channel after
  // channel: out[c * count * width + row * width + x]. Throws eorun::Error naming the file when
  // the rows are outside the scene or cannot be read.
  void read_rows(int first, int count, float* out) const;

  // Bytes of one row of GDAL blocks across the bands read: what GDAL's block cache must hold so
  // that a strip of rows never decompresses a block twice (a striped file: a few rows; a tiled
  // one: one row of tiles).
  std::int64_t block_row_bytes() const;

 private:
  support::RasterFile file_;
  std::vector<std::string> names_;
  std::vector<int> bands_;
};

}  // namespace eorun
