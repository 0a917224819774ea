#include "predict/scene_writer.hpp"

#include <cmath>

#include <gdal.h>
#include <nlohmann/json.hpp>

#include "eorun/error.hpp"
#include "util/atomic_file.hpp"

namespace eorun {

namespace {

constexpr int kMaxByteClasses = 256;
constexpr double kGoldenRatioConjugate = 0.618033988749895;

// A distinct colour per class: hues spaced by the golden ratio, fairly saturated and bright.
GDALColorEntry class_colour(std::size_t index) {
  const double hue = std::fmod(static_cast<double>(index) * kGoldenRatioConjugate, 1.0) * 6.0;
  const double saturation = 0.65, value = 0.95;
  const double chroma = value * saturation;
  const double x = chroma * (1.0 - std::fabs(std::fmod(hue, 2.0) - 1.0));
  const double m = value - chroma;
  double r = 0, g = 0, b = 0;
  switch (static_cast<int>(hue)) {
    case 0: r = chroma, g = x; break;
    case 1: r = x, g = chroma; break;
    case 2: g = chroma, b = x; break;
    case 3: g = x, b = chroma; break;
    case 4: r = x, b = chroma; break;
    default: r = chroma, b = x; break;
  }
  auto level = [m](double v) { return static_cast<short>(std::lround((v + m) * 255.0)); };
  return {level(r), level(g), level(b), 255};
}

support::GdalDatasetHandle create_tiff(const std::filesystem::path& path, int width, int height, int bands,
                                       GDALDataType type, const SceneOutputLayout& layout) {
  GDALDriverH driver = GDALGetDriverByName("GTiff");
  const char* options[] = {"COMPRESS=DEFLATE", nullptr};
  support::QuietGdalErrors quiet;
  support::GdalDatasetHandle dataset(
      GDALCreate(driver, path.c_str(), width, height, bands, type, const_cast<char**>(options)));
  if (!dataset)
    throw Error(path.string(), "cannot be created" + support::QuietGdalErrors::last_message(),
                "check the permissions and free space of the output folder");
  auto handle = static_cast<GDALDatasetH>(dataset.get());
  std::array<double, 6> geotransform = layout.georeference.geotransform;
  GDALSetGeoTransform(handle, geotransform.data());
  if (!layout.georeference.projection_wkt.empty())
    GDALSetProjection(handle, layout.georeference.projection_wkt.c_str());
  for (const auto& [key, value] : layout.metadata) GDALSetMetadataItem(handle, key.c_str(), value.c_str(), nullptr);
  return dataset;
}

void describe_bands(GDALDatasetH dataset, const std::vector<std::string>& names) {
  for (std::size_t b = 0; b < names.size(); ++b)
    GDALSetDescription(GDALGetRasterBand(dataset, static_cast<int>(b) + 1), names[b].c_str());
}

void write_bands(GDALDatasetH dataset, const std::filesystem::path& path, int row, int width, int bands,
                 GDALDataType type, const void* values) {
  support::QuietGdalErrors quiet;
  const int size = GDALGetDataTypeSizeBytes(type);
  if (GDALDatasetRasterIO(dataset, GF_Write, 0, row, width, 1, const_cast<void*>(values), width, 1, type, bands,
                          nullptr, size, std::int64_t{size} * width, std::int64_t{size} * width) == CE_Failure)
    throw Error(path.string(), "cannot be written (row " + std::to_string(row) + ")" +
                                   support::QuietGdalErrors::last_message(),
                "check the free space of the output folder");
}

}  // namespace

SceneWriter::SceneWriter(SceneOutputLayout layout) : layout_(std::move(layout)) {
  support::prepare_gdal();
  const bool single = layout_.task == Task::single_label;
  if (single && layout_.class_names.size() > kMaxByteClasses)
    throw Error("run", "has " + std::to_string(layout_.class_names.size()) + " classes, more than a Byte holds",
                "classes.tif holds up to 256 class indices");
  std::error_code ec;
  std::filesystem::create_directories(layout_.dir, ec);
  if (ec)
    throw Error(layout_.dir.string(), "cannot create the folder: " + ec.message(),
                "check the permissions or give another --out");
  classes_temporary_ = temporary_path_for(layout_.dir / kClassesFile);
  scores_temporary_ = temporary_path_for(layout_.dir / kScoresFile);
  classes_ = create_tiff(classes_temporary_, layout_.width, layout_.height, class_bands(), GDT_Byte, layout_);
  auto classes = static_cast<GDALDatasetH>(classes_.get());
  if (single) {
    GDALColorTableH table = GDALCreateColorTable(GPI_RGB);
    for (std::size_t c = 0; c < layout_.class_names.size(); ++c) {
      const GDALColorEntry colour = class_colour(c);
      GDALSetColorEntry(table, static_cast<int>(c), &colour);
    }
    GDALSetRasterColorTable(GDALGetRasterBand(classes, 1), table);
    GDALDestroyColorTable(table);
    GDALSetMetadataItem(classes, "EORUN_CLASSES", nlohmann::json(layout_.class_names).dump().c_str(), nullptr);
    describe_bands(classes, {"class index"});
  } else {
    describe_bands(classes, layout_.class_names);
  }
  scores_ = create_tiff(scores_temporary_, layout_.width, layout_.height, score_bands(), GDT_Float32, layout_);
  auto scores = static_cast<GDALDatasetH>(scores_.get());
  if (layout_.all_scores)
    describe_bands(scores, layout_.class_names);
  else
    describe_bands(scores, {single ? "softmax probability of the winning class" : "largest sigmoid score"});
}

SceneWriter::~SceneWriter() {
  if (committed_) return;
  classes_.reset();
  scores_.reset();
  std::error_code ec;
  std::filesystem::remove(classes_temporary_, ec);
  std::filesystem::remove(scores_temporary_, ec);
}

int SceneWriter::class_bands() const {
  return layout_.task == Task::single_label ? 1 : static_cast<int>(layout_.class_names.size());
}

int SceneWriter::score_bands() const {
  return layout_.all_scores ? static_cast<int>(layout_.class_names.size()) : 1;
}

void SceneWriter::write_row(int row, const std::uint8_t* classes, const float* scores) {
  write_bands(static_cast<GDALDatasetH>(classes_.get()), classes_temporary_, row, layout_.width, class_bands(),
              GDT_Byte, classes);
  write_bands(static_cast<GDALDatasetH>(scores_.get()), scores_temporary_, row, layout_.width, score_bands(),
              GDT_Float32, scores);
}

void SceneWriter::commit() {
  support::QuietGdalErrors quiet;
  classes_.reset();  // closing flushes what GDAL still holds
  scores_.reset();
  if (support::QuietGdalErrors::failed())
    throw Error(layout_.dir.string(), "the outputs could not be completed" + support::QuietGdalErrors::last_message(),
                "check the free space of the output folder");
  move_into_place(classes_temporary_, layout_.dir / kClassesFile);
  move_into_place(scores_temporary_, layout_.dir / kScoresFile);
  committed_ = true;
}

}  // namespace eorun
