// Reading raster files with GDAL directly in tests, independently of the plugins' readers.
#pragma once

#include <gdal.h>

#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace eorun::test {

// Every pixel of the 1-based `band` of `file` as float (empty when it cannot be read).
inline std::vector<float> gdal_band(const std::filesystem::path& file, int band) {
  GDALAllRegister();
  GDALDatasetH dataset = GDALOpen(file.c_str(), GA_ReadOnly);
  if (dataset == nullptr) return {};
  const int width = GDALGetRasterXSize(dataset);
  const int height = GDALGetRasterYSize(dataset);
  std::vector<float> values(static_cast<std::size_t>(width) * height);
  const CPLErr status = GDALRasterIO(GDALGetRasterBand(dataset, band), GF_Read, 0, 0, width, height,
                                     values.data(), width, height, GDT_Float32, 0, 0);
  GDALClose(dataset);
  return status == CE_None ? values : std::vector<float>{};
}

// The number of bands of `file` (-1 when it cannot be opened).
inline int gdal_band_count(const std::filesystem::path& file) {
  GDALAllRegister();
  GDALDatasetH dataset = GDALOpen(file.c_str(), GA_ReadOnly);
  if (dataset == nullptr) return -1;
  const int count = GDALGetRasterCount(dataset);
  GDALClose(dataset);
  return count;
}

// What a raster file says about itself, read with GDAL directly.
struct RasterFacts {
  int width = 0;
  int height = 0;
  int bands = 0;
  GDALDataType type = GDT_Unknown;  // of band 1
  std::array<double, 6> geotransform{};
  bool has_geotransform = false;
  std::string projection;
  std::map<std::string, std::string> metadata;  // the default domain's items
  bool has_colour_table = false;                // on band 1
};

// The facts of `file` (all zero / empty when it cannot be opened).
inline RasterFacts raster_facts(const std::filesystem::path& path) {
  GDALAllRegister();
  RasterFacts facts;
  GDALDatasetH dataset = GDALOpen(path.c_str(), GA_ReadOnly);
  if (dataset == nullptr) return facts;
  facts.width = GDALGetRasterXSize(dataset);
  facts.height = GDALGetRasterYSize(dataset);
  facts.bands = GDALGetRasterCount(dataset);
  facts.type = GDALGetRasterDataType(GDALGetRasterBand(dataset, 1));
  facts.has_geotransform = GDALGetGeoTransform(dataset, facts.geotransform.data()) == CE_None;
  facts.projection = GDALGetProjectionRef(dataset);
  for (char** item = GDALGetMetadata(dataset, nullptr); item != nullptr && *item != nullptr; ++item) {
    const std::string text = *item;
    const auto equals = text.find('=');
    facts.metadata[text.substr(0, equals)] = equals == std::string::npos ? "" : text.substr(equals + 1);
  }
  facts.has_colour_table = GDALGetRasterColorTable(GDALGetRasterBand(dataset, 1)) != nullptr;
  GDALClose(dataset);
  return facts;
}

}  // namespace eorun::test
