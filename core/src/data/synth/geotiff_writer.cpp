#include "data/synth/geotiff_writer.hpp"

#include <memory>
#include <mutex>

#include <cpl_error.h>
#include <gdal.h>

#include "eorun/error.hpp"

namespace eorun::synth {

namespace {

struct DatasetCloser {
  void operator()(void* dataset) const { GDALClose(static_cast<GDALDatasetH>(dataset)); }
};

std::string last_gdal_message() {
  const char* message = CPLGetLastErrorMsg();
  return message && *message ? std::string(" (GDAL: ") + message + ")" : std::string();
}

// While alive, GDAL errors of this thread are kept for the message instead of printed.
class QuietGdalErrors {
 public:
  QuietGdalErrors() {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
  }
  ~QuietGdalErrors() { CPLPopErrorHandler(); }
  QuietGdalErrors(const QuietGdalErrors&) = delete;
  QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;
};

}  // namespace

void prepare_gdal_for_writing() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

void write_uint16_geotiff(const std::filesystem::path& path,
                          const std::vector<std::uint16_t>& pixels, int size,
                          const Georeference& georeference) {
  const std::string subject = "synthetic band file '" + path.string() + "'";
  GDALDriverH driver = GDALGetDriverByName("GTiff");
  if (driver == nullptr)
    throw Error(subject, "GDAL has no GTiff driver", "install a GDAL built with GeoTIFF support");
  if (pixels.size() != static_cast<std::size_t>(size) * size)
    throw Error(subject,
                "holds " + std::to_string(pixels.size()) + " pixels, expected " +
                    std::to_string(size * size),
                "this is a bug in the generator");

  QuietGdalErrors quiet;
  std::unique_ptr<void, DatasetCloser> dataset(
      GDALCreate(driver, path.c_str(), size, size, 1, GDT_UInt16, nullptr));
  if (!dataset)
    throw Error(subject, "cannot be created" + last_gdal_message(),
                "check that the output folder is writable and has free space");
  auto handle = static_cast<GDALDatasetH>(dataset.get());
  std::array<double, 6> transform = georeference.geotransform;
  if (GDALSetGeoTransform(handle, transform.data()) != CE_None ||
      GDALSetProjection(handle, georeference.projection_wkt.c_str()) != CE_None)
    throw Error(subject, "georeferencing cannot be set" + last_gdal_message(),
                "check GDAL's PROJ installation");
  GDALRasterBandH band = GDALGetRasterBand(handle, 1);
  if (GDALRasterIO(band, GF_Write, 0, 0, size, size, const_cast<std::uint16_t*>(pixels.data()),
                   size, size, GDT_UInt16, 0, 0) != CE_None)
    throw Error(subject, "cannot be written" + last_gdal_message(),
                "check that the output folder has free space");
  // Closing flushes; a failure there (full disk) must not pass silently.
  GDALDatasetH raw = static_cast<GDALDatasetH>(dataset.release());
  GDALClose(raw);
  if (CPLGetLastErrorType() == CE_Failure)
    throw Error(subject, "cannot be written" + last_gdal_message(),
                "check that the output folder has free space");
}

}  // namespace eorun::synth
