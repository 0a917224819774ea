// Reading raster files with GDAL directly in tests, independently of the plugins' readers.
#pragma once

#include <gdal.h>

#include <filesystem>
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

}  // namespace eorun::test
