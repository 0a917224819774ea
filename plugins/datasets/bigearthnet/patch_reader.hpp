// Reading band files of a patch (support::RasterFile: GTiff driver only, read-only, no side-car
// probing, checked size and data type), resampled to a common grid or as stored.
//
// Thread-safe: every call opens its own GDAL dataset (GDAL handles are not shareable across
// threads) and closes it before returning.
#pragma once

#include <filesystem>
#include <string>

namespace eorun::bigearthnet {

// One-time process set-up, idempotent and thread-safe: registers GDAL's drivers and sets
// GDAL_DISABLE_READDIR_ON_OPEN=EMPTY_DIR unless the user set it (a patch folder's listing is never
// needed). The plugin's init calls it; the dataset calls it again so that statically linked users
// need not.
void prepare_gdal();

// What a band file must be: its GDAL data type ("UInt16" for S2, "Float32" for S1) and, when
// `native` is set, exactly `size` x `size` pixels.
struct BandCheck {
  const char* data_type;
  bool native;
};

// Reads band 1 of the GeoTIFF `file` as Float32 into `out` (size x size values, row-major): as
// stored when check.native (the file must have that size), else bilinearly resampled from its
// size (GDAL RasterIO with GRIORA_Bilinear; a band already at `size` is copied as is). Values stay
// in the file's units (digital numbers, dB). Throws eorun::Error naming `patch` and `file` when
// the file is missing, is not a readable GeoTIFF, has the wrong size or data type, or fails to
// read.
void read_band(const std::filesystem::path& file, const std::string& patch, float* out, int size,
               BandCheck check);

}  // namespace eorun::bigearthnet
