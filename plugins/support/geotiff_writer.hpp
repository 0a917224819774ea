// Writing small GeoTIFFs (and JPEG/PNG images), as data sets store their bands, for the synthetic copies plugins write.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "support/gdal_support.hpp"

namespace eorun::support {

// WGS 84 / UTM zone 33N as WKT1, fixed text so that output does not depend on the PROJ version.
extern const char* const kUtm33nWkt;

// Writes `pixels` (band-major: bands x height x width values) to `path` with the GTiff driver as
// one UInt16 or Float32 raster of `bands` bands: uncompressed, no side-car files, nothing
// time-dependent, so the bytes depend on the arguments only. Optional band descriptions (one per
// band) are written too. Throws eorun::Error naming the file when GDAL cannot create or write it.
void write_geotiff(const std::filesystem::path& path, const std::vector<std::uint16_t>& pixels,
                   int width, int height, int bands, const Georeference& georeference,
                   const std::vector<std::string>& descriptions = {});
void write_geotiff(const std::filesystem::path& path, const std::vector<float>& pixels, int width,
                   int height, int bands, const Georeference& georeference,
                   const std::vector<std::string>& descriptions = {});

// Writes 8-bit `pixels` (band-major: bands x height x width values; 1 or 3 bands) to `path` as a
// JPEG (quality 95) or PNG without georeferencing or side-car files, as image archives store
// their RGB copies. Throws eorun::Error naming the file when GDAL cannot write it.
enum class ImageFormat { jpeg, png };
void write_image(const std::filesystem::path& path, const std::vector<std::uint8_t>& pixels,
                 int width, int height, int bands, ImageFormat format);

// Writes a text file whole (binary mode). Throws eorun::Error naming it on failure.
void write_text_file(const std::filesystem::path& path, const std::string& text);

}  // namespace eorun::support
