#include "gdal_support.hpp"

#include <mutex>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>

namespace eorun::support {

void prepare_gdal() {
  static std::once_flag once;
  std::call_once(once, [] {
    // A value the user set (environment or --config) wins.
    if (CPLGetConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", nullptr) == nullptr)
      CPLSetConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
    GDALAllRegister();
  });
}

void GdalDatasetCloser::operator()(void* dataset) const {
  GDALClose(static_cast<GDALDatasetH>(dataset));
}

QuietGdalErrors::QuietGdalErrors() {
  CPLPushErrorHandler(CPLQuietErrorHandler);
  CPLErrorReset();
}

QuietGdalErrors::~QuietGdalErrors() { CPLPopErrorHandler(); }

std::string QuietGdalErrors::last_message() {
  const char* message = CPLGetLastErrorMsg();
  return message && *message ? std::string(" (GDAL: ") + message + ")" : std::string();
}

bool QuietGdalErrors::failed() { return CPLGetLastErrorType() >= CE_Failure; }

}  // namespace eorun::support
