#include "geotiff_writer.hpp"

#include <fstream>

#include <gdal.h>

#include "eorun/error.hpp"
#include "gdal_support.hpp"

namespace eorun::support {

const char* const kUtm33nWkt =
    "PROJCS[\"WGS 84 / UTM zone 33N\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\","
    "6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM["
    "\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY["
    "\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\","
    "\"4326\"]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],"
    "PARAMETER[\"central_meridian\",15],PARAMETER[\"scale_factor\",0.9996],PARAMETER["
    "\"false_easting\",500000],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1,AUTHORITY["
    "\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\","
    "\"32633\"]]";

namespace {

void write_raster(const std::filesystem::path& path, const void* pixels, std::size_t count,
                  GDALDataType type, int width, int height, int bands,
                  const Georeference& georeference, const std::vector<std::string>& descriptions) {
  const std::string subject = "synthetic raster '" + path.string() + "'";
  prepare_gdal();
  GDALDriverH driver = GDALGetDriverByName("GTiff");
  if (driver == nullptr)
    throw Error(subject, "GDAL has no GTiff driver", "install a GDAL built with GeoTIFF support");
  if (count != static_cast<std::size_t>(width) * height * bands)
    throw Error(subject,
                "holds " + std::to_string(count) + " values, expected " +
                    std::to_string(static_cast<std::size_t>(width) * height * bands),
                "this is a bug in the generator");

  QuietGdalErrors quiet;
  GdalDatasetHandle dataset(GDALCreate(driver, path.c_str(), width, height, bands, type, nullptr));
  if (!dataset)
    throw Error(subject, "cannot be created" + QuietGdalErrors::last_message(),
                "check that the output folder is writable and has free space");
  auto handle = static_cast<GDALDatasetH>(dataset.get());
  std::array<double, 6> transform = georeference.geotransform;
  if (GDALSetGeoTransform(handle, transform.data()) != CE_None ||
      GDALSetProjection(handle, georeference.projection_wkt.c_str()) != CE_None)
    throw Error(subject, "georeferencing cannot be set" + QuietGdalErrors::last_message(),
                "check GDAL's PROJ installation");
  for (std::size_t b = 0; b < descriptions.size() && b < static_cast<std::size_t>(bands); ++b)
    GDALSetDescription(GDALGetRasterBand(handle, static_cast<int>(b) + 1), descriptions[b].c_str());
  if (GDALDatasetRasterIO(handle, GF_Write, 0, 0, width, height, const_cast<void*>(pixels), width,
                          height, type, bands, nullptr, 0, 0, 0) != CE_None)
    throw Error(subject, "cannot be written" + QuietGdalErrors::last_message(),
                "check that the output folder has free space");
  // Closing flushes; a failure there (full disk) must not pass silently.
  GDALClose(static_cast<GDALDatasetH>(dataset.release()));
  if (QuietGdalErrors::failed())
    throw Error(subject, "cannot be written" + QuietGdalErrors::last_message(),
                "check that the output folder has free space");
}

}  // namespace

void write_geotiff(const std::filesystem::path& path, const std::vector<std::uint16_t>& pixels,
                   int width, int height, int bands, const Georeference& georeference,
                   const std::vector<std::string>& descriptions) {
  write_raster(path, pixels.data(), pixels.size(), GDT_UInt16, width, height, bands, georeference,
               descriptions);
}

void write_geotiff(const std::filesystem::path& path, const std::vector<float>& pixels, int width,
                   int height, int bands, const Georeference& georeference,
                   const std::vector<std::string>& descriptions) {
  write_raster(path, pixels.data(), pixels.size(), GDT_Float32, width, height, bands, georeference,
               descriptions);
}

void write_image(const std::filesystem::path& path, const std::vector<std::uint8_t>& pixels,
                 int width, int height, int bands, ImageFormat format) {
  const std::string subject = "synthetic image '" + path.string() + "'";
  const char* driver_name = format == ImageFormat::jpeg ? "JPEG" : "PNG";
  prepare_gdal();
  GDALDriverH memory = GDALGetDriverByName("MEM");
  GDALDriverH driver = GDALGetDriverByName(driver_name);
  if (memory == nullptr || driver == nullptr)
    throw Error(subject, std::string("GDAL has no ") + driver_name + " driver",
                "install a GDAL built with it");
  if (pixels.size() != static_cast<std::size_t>(width) * height * bands)
    throw Error(subject, "holds " + std::to_string(pixels.size()) + " values, expected " +
                             std::to_string(static_cast<std::size_t>(width) * height * bands),
                "this is a bug in the generator");
  QuietGdalErrors quiet;
  GdalDatasetHandle source(GDALCreate(memory, "", width, height, bands, GDT_Byte, nullptr));
  if (!source ||
      GDALDatasetRasterIO(static_cast<GDALDatasetH>(source.get()), GF_Write, 0, 0, width, height,
                          const_cast<std::uint8_t*>(pixels.data()), width, height, GDT_Byte,
                          bands, nullptr, 0, 0, 0) != CE_None)
    throw Error(subject, "cannot be prepared in memory" + QuietGdalErrors::last_message(),
                "check the free memory");
  const char* jpeg_options[] = {"QUALITY=95", "WORLDFILE=NO", nullptr};
  const char* png_options[] = {"WORLDFILE=NO", nullptr};
  char** options = const_cast<char**>(format == ImageFormat::jpeg ? jpeg_options : png_options);
  GdalDatasetHandle copy(GDALCreateCopy(driver, path.c_str(),
                                        static_cast<GDALDatasetH>(source.get()), FALSE, options,
                                        nullptr, nullptr));
  if (!copy)
    throw Error(subject, "cannot be written" + QuietGdalErrors::last_message(),
                "check that the output folder is writable and has free space");
  GDALClose(static_cast<GDALDatasetH>(copy.release()));
  if (QuietGdalErrors::failed())
    throw Error(subject, "cannot be written" + QuietGdalErrors::last_message(),
                "check that the output folder has free space");
}

void write_text_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out)
    throw Error("file '" + path.string() + "'", "cannot be written",
                "check that the output folder is writable and has free space");
}

}  // namespace eorun::support
