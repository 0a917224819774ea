// Writing one single-band UInt16 GeoTIFF, as BigEarthNet stores each band of a patch.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace eorun::synth {

// Georeferencing of a raster: GDAL's geotransform (origin x, pixel width, 0, origin y, 0,
// -pixel height) and the projection as WKT.
struct Georeference {
  std::array<double, 6> geotransform{};
  std::string projection_wkt;
};

// Registers GDAL's drivers once (thread-safe, idempotent).
void prepare_gdal_for_writing();

// Writes `pixels` (size x size, row-major) to `path` with the GTiff driver: uncompressed, no
// sidecar files, nothing time-dependent, so the bytes depend on the arguments only.
// Throws eorun::Error naming the file when GDAL cannot create or write it.
void write_uint16_geotiff(const std::filesystem::path& path,
                          const std::vector<std::uint16_t>& pixels, int size,
                          const Georeference& georeference);

}  // namespace eorun::synth
