#include "patch_reader.hpp"

#include <gdal.h>

#include "eorun/error.hpp"
#include "support/gdal_support.hpp"

namespace eorun::bigearthnet {

namespace {

using support::QuietGdalErrors;
using DatasetHandle = support::GdalDatasetHandle;

constexpr const char* kRemedy =
    "re-extract the patch from the BigEarthNet archive, or remove it from the split file";

enum class Fit { resample, require_size };

void read_band(const std::filesystem::path& file, const std::string& patch, float* out, int size,
               Fit fit) {
  const std::string subject = "bigearthnet patch '" + patch + "'";
  const std::string what = "band file '" + file.string() + "'";
  static const char* const kDrivers[] = {"GTiff", nullptr};
  // An empty sibling list: GDAL looks for no side-car file (.aux.xml, .ovr, .msk) of this one,
  // whatever GDAL_DISABLE_READDIR_ON_OPEN says. BigEarthNet band files have none.
  static const char* const kNoSiblings[] = {nullptr};

  QuietGdalErrors quiet;
  DatasetHandle dataset(
      GDALOpenEx(file.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, kDrivers, nullptr, kNoSiblings));
  if (!dataset) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) throw Error(subject, what + " does not exist", kRemedy);
    throw Error(subject, what + " is not a readable GeoTIFF" + QuietGdalErrors::last_message(),
                kRemedy);
  }
  auto handle = static_cast<GDALDatasetH>(dataset.get());
  if (GDALGetRasterCount(handle) < 1) throw Error(subject, what + " has no raster band", kRemedy);
  GDALRasterBandH band = GDALGetRasterBand(handle, 1);
  const int width = GDALGetRasterBandXSize(band);
  const int height = GDALGetRasterBandYSize(band);
  const std::string pixels = std::to_string(width) + "x" + std::to_string(height) + " pixels";
  if (fit == Fit::require_size && (width != size || height != size))
    throw Error(subject,
                what + " has " + pixels + ", the band's native size in BigEarthNet v1.0 is " +
                    std::to_string(size) + "x" + std::to_string(size),
                std::string(kRemedy) + " (dataset.resample = \"10m\" resamples any size)");

  GDALRasterIOExtraArg extra;
  INIT_RASTERIO_EXTRA_ARG(extra);
  extra.eResampleAlg = GRIORA_Bilinear;
  CPLErr status = GDALRasterIOEx(band, GF_Read, 0, 0, width, height, out, size, size, GDT_Float32,
                                 0, 0, &extra);
  if (status == CE_Failure)
    throw Error(subject, what + " could not be read (" + pixels + ")" + QuietGdalErrors::last_message(),
                kRemedy);
}

}  // namespace

void prepare_gdal() { support::prepare_gdal(); }

void read_band_resampled(const std::filesystem::path& file, const std::string& patch, float* out,
                         int size) {
  read_band(file, patch, out, size, Fit::resample);
}

void read_band_native(const std::filesystem::path& file, const std::string& patch, float* out,
                      int size) {
  read_band(file, patch, out, size, Fit::require_size);
}

}  // namespace eorun::bigearthnet
