// Reading Sentinel-2 band files of a patch with GDAL, resampled to a common grid or as stored.
//
// Thread-safe: every call opens its own GDAL dataset (GDAL handles are not shareable across
// threads) and closes it before returning. Opening many tiny files is the cost that matters,
// so the open is as cheap as GDAL allows: GTiff driver only, read-only, no directory listing and
// no probing for side-car files.
#pragma once

#include <filesystem>
#include <string>

namespace eorun::bigearthnet {

// One-time process set-up, idempotent and thread-safe: registers GDAL's drivers and sets
// GDAL_DISABLE_READDIR_ON_OPEN=EMPTY_DIR unless the user set it (a patch folder's listing is never
// needed). The plugin's init calls it; the dataset calls it again so that statically linked users
// need not.
void prepare_gdal();

// Reads band 1 of the GeoTIFF `file` as Float32 into `out` (size x size values, row-major),
// bilinearly resampled from its native size (GDAL RasterIO with GRIORA_Bilinear; a band already
// at `size` is copied as is). Values stay in the file's units (digital numbers).
// Throws eorun::Error naming `patch` and `file` when the file is missing, is not a readable
// GeoTIFF, or fails to read.
void read_band_resampled(const std::filesystem::path& file, const std::string& patch, float* out,
                         int size);

// Reads band 1 of the GeoTIFF `file` as Float32 into `out` (size x size values, row-major) as
// stored, without resampling. Throws eorun::Error naming `patch` and `file` as
// read_band_resampled does, and also when the raster is not size x size pixels (the band's native
// size in BigEarthNet v1.0).
void read_band_native(const std::filesystem::path& file, const std::string& patch, float* out,
                      int size);

}  // namespace eorun::bigearthnet
