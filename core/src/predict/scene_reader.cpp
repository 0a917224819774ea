#include "predict/scene_reader.hpp"

#include <cstddef>

#include "predict/band_mapping.hpp"

namespace eorun {

namespace {

constexpr const char* kSceneRemedy = "give a multi-band raster GDAL reads, such as a GeoTIFF";

}  // namespace

SceneReader::SceneReader(const std::filesystem::path& path, const std::vector<std::string>& listed,
                         const std::vector<std::string>& run_bands, const std::string& run)
    : file_(path, "scene", kSceneRemedy, {}) {
  if (file_.shape().bands < 1) file_.fail("has no bands");
  names_ = eorun::scene_band_names(listed, file_.band_descriptions(), "scene " + path.string());
  bands_ = map_bands(run_bands, names_, "scene " + path.string(), run);
}

std::int64_t SceneReader::block_row_bytes() const {
  return file_.block_row_bytes(bands_);
}

void SceneReader::read_rows(int first, int count, float* out) const {
  const std::size_t plane = static_cast<std::size_t>(count) * static_cast<std::size_t>(width());
  for (std::size_t c = 0; c < bands_.size(); ++c)
    file_.read_window(bands_[c], 0, first, width(), count, out + c * plane);
}

}  // namespace eorun
