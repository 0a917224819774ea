// What every GDAL-reading or -writing plugin of this tree needs: one-time set-up, GDAL errors
// kept for eorun's own messages, and an owning dataset handle.
#pragma once

#include <array>
#include <memory>
#include <string>

namespace eorun::support {

// Registers GDAL's drivers and sets GDAL_DISABLE_READDIR_ON_OPEN=EMPTY_DIR unless the user set it
// (a data set's folder listing is never needed to open one of its files). Idempotent and
// thread-safe.
void prepare_gdal();

// Georeferencing of a raster: GDAL's geotransform (origin x, pixel width, 0, origin y, 0,
// -pixel height) and the projection as WKT.
struct Georeference {
  std::array<double, 6> geotransform{};
  std::string projection_wkt;
};

// Closes a GDALDatasetH.
struct GdalDatasetCloser {
  void operator()(void* dataset) const;
};
using GdalDatasetHandle = std::unique_ptr<void, GdalDatasetCloser>;

// While alive, GDAL errors of this thread are kept (for last_message) instead of printed.
class QuietGdalErrors {
 public:
  QuietGdalErrors();
  ~QuietGdalErrors();
  QuietGdalErrors(const QuietGdalErrors&) = delete;
  QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;

  // " (GDAL: <message>)" for the last error of this thread, or "" when there was none.
  static std::string last_message();
  // Whether the last GDAL call of this thread failed (CE_Failure or worse).
  static bool failed();
};

}  // namespace eorun::support
