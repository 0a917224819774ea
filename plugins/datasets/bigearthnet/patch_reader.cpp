#include "patch_reader.hpp"

#include "support/gdal_support.hpp"
#include "support/raster_file.hpp"

namespace eorun::bigearthnet {

namespace {

constexpr const char* kRemedy =
    "re-extract the patch from the BigEarthNet archive, or remove it from the split";
constexpr const char* kNativeRemedy =
    "re-extract the patch from the BigEarthNet archive, or remove it from the split "
    "(dataset.resample = \"10m\" resamples any size)";

}  // namespace

void prepare_gdal() { support::prepare_gdal(); }

void read_band(const std::filesystem::path& file, const std::string& patch, float* out, int size,
               BandCheck check) {
  const support::RasterFile raster(file, "bigearthnet patch '" + patch + "'",
                                   check.native ? kNativeRemedy : kRemedy);
  const int side = check.native ? size : 0;
  raster.require(side, side, 1, {check.data_type});
  raster.read_band(1, out, size, size);
}

}  // namespace eorun::bigearthnet
