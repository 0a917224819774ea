#include "raster_file.hpp"

#include <algorithm>
#include <cstdint>

#include <gdal.h>

#include "eorun/error.hpp"

namespace eorun::support {

namespace {

std::string driver_list(std::initializer_list<const char*> drivers) {
  std::string out;
  for (const char* driver : drivers) out += std::string(out.empty() ? "" : "/") + driver;
  return out;
}

}  // namespace

RasterFile::RasterFile(const std::filesystem::path& path, std::string subject, std::string remedy,
                       std::initializer_list<const char*> drivers)
    : path_(path), subject_(std::move(subject)), remedy_(std::move(remedy)) {
  prepare_gdal();
  std::vector<const char*> allowed(drivers.begin(), drivers.end());
  allowed.push_back(nullptr);
  // An empty sibling list: GDAL probes for no side-car file (.aux.xml, .ovr, .msk).
  static const char* const kNoSiblings[] = {nullptr};
  QuietGdalErrors quiet;
  dataset_.reset(GDALOpenEx(path_.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY,
                            drivers.size() == 0 ? nullptr : allowed.data(), nullptr, kNoSiblings));
  if (!dataset_) {
    std::error_code ec;
    if (!std::filesystem::exists(path_, ec)) fail("does not exist");
    fail("is not a readable " + driver_list(drivers) + (drivers.size() == 0 ? "" : " ") + "raster" +
         QuietGdalErrors::last_message());
  }
  auto handle = static_cast<GDALDatasetH>(dataset_.get());
  shape_.width = GDALGetRasterXSize(handle);
  shape_.height = GDALGetRasterYSize(handle);
  shape_.bands = GDALGetRasterCount(handle);
  if (shape_.bands > 0)
    shape_.data_type = GDALGetDataTypeName(GDALGetRasterDataType(GDALGetRasterBand(handle, 1)));
}

std::vector<std::string> RasterFile::band_descriptions() const {
  std::vector<std::string> descriptions;
  auto handle = static_cast<GDALDatasetH>(dataset_.get());
  for (int band = 1; band <= shape_.bands; ++band)
    descriptions.emplace_back(GDALGetDescription(GDALGetRasterBand(handle, band)));
  return descriptions;
}

Georeference RasterFile::georeference() const {
  Georeference georeference;
  georeference.geotransform = {0, 1, 0, 0, 0, 1};
  auto handle = static_cast<GDALDatasetH>(dataset_.get());
  QuietGdalErrors quiet;
  GDALGetGeoTransform(handle, georeference.geotransform.data());  // leaves the default when none
  const char* wkt = GDALGetProjectionRef(handle);
  if (wkt != nullptr) georeference.projection_wkt = wkt;
  return georeference;
}

std::int64_t RasterFile::block_row_bytes(const std::vector<int>& bands) const {
  auto handle = static_cast<GDALDatasetH>(dataset_.get());
  std::int64_t bytes = 0;
  for (int band : bands) {
    GDALRasterBandH raster = GDALGetRasterBand(handle, band);
    int block_width = 0, block_height = 0;
    GDALGetBlockSize(raster, &block_width, &block_height);
    const std::int64_t blocks = (shape_.width + block_width - 1) / std::max(1, block_width);
    bytes += blocks * block_width * block_height * GDALGetDataTypeSizeBytes(GDALGetRasterDataType(raster));
  }
  return bytes;
}

void RasterFile::fail(const std::string& problem) const {
  throw Error(subject_, "file '" + path_.string() + "' " + problem, remedy_);
}

void RasterFile::require(int width, int height, int min_bands,
                         std::initializer_list<const char*> types) const {
  const std::string size = std::to_string(shape_.width) + "x" + std::to_string(shape_.height);
  if ((width > 0 && shape_.width != width) || (height > 0 && shape_.height != height))
    fail("has " + size + " pixels, expected " + std::to_string(width) + "x" +
         std::to_string(height));
  if (shape_.bands < min_bands)
    fail("has " + std::to_string(shape_.bands) + " band" + (shape_.bands == 1 ? "" : "s") +
         ", expected " + std::to_string(min_bands));
  if (types.size() == 0) return;
  for (const char* type : types)
    if (shape_.data_type == type) return;
  fail("holds " + shape_.data_type + " pixels, expected " + driver_list(types));
}

void RasterFile::read_band(int band, float* out, int out_width, int out_height) const {
  if (band < 1 || band > shape_.bands)
    fail("has no band " + std::to_string(band) + " (it has " + std::to_string(shape_.bands) + ")");
  QuietGdalErrors quiet;
  GDALRasterBandH handle = GDALGetRasterBand(static_cast<GDALDatasetH>(dataset_.get()), band);
  GDALRasterIOExtraArg extra;
  INIT_RASTERIO_EXTRA_ARG(extra);
  extra.eResampleAlg = GRIORA_Bilinear;
  if (GDALRasterIOEx(handle, GF_Read, 0, 0, shape_.width, shape_.height, out, out_width,
                     out_height, GDT_Float32, 0, 0, &extra) == CE_Failure)
    fail("could not be read (band " + std::to_string(band) + ")" +
         QuietGdalErrors::last_message());
}

void RasterFile::read_window(int band, int x, int y, int width, int height, float* out) const {
  if (band < 1 || band > shape_.bands)
    fail("has no band " + std::to_string(band) + " (it has " + std::to_string(shape_.bands) + ")");
  if (x < 0 || y < 0 || width < 1 || height < 1 || x + width > shape_.width ||
      y + height > shape_.height)
    fail("has no " + std::to_string(width) + "x" + std::to_string(height) + " window at (" +
         std::to_string(x) + ", " + std::to_string(y) + ")");
  QuietGdalErrors quiet;
  GDALRasterBandH handle = GDALGetRasterBand(static_cast<GDALDatasetH>(dataset_.get()), band);
  if (GDALRasterIO(handle, GF_Read, x, y, width, height, out, width, height, GDT_Float32, 0, 0) ==
      CE_Failure)
    fail("could not be read (band " + std::to_string(band) + ")" +
         QuietGdalErrors::last_message());
}

void RasterFile::read_bands(const std::vector<int>& bands, float* out, int out_width,
                            int out_height) const {
  const std::int64_t pixels = std::int64_t{out_width} * out_height;
  for (std::size_t c = 0; c < bands.size(); ++c)
    read_band(bands[c], out + static_cast<std::int64_t>(c) * pixels, out_width, out_height);
}

}  // namespace eorun::support
