#include "predict/scene_writer.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "support/gdal_read.hpp"
#include "support/geotiff_writer.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

SceneOutputLayout layout(const std::filesystem::path& dir, Task task, bool all_scores) {
  SceneOutputLayout out;
  out.dir = dir;
  out.width = 3;
  out.height = 2;
  out.georeference = {{100, 60, 0, 200, 0, -60}, support::kUtm33nWkt};
  out.task = task;
  out.class_names = {"water", "forest"};
  out.all_scores = all_scores;
  out.metadata = {{"EORUN_RUN_ID", "abc"}};
  return out;
}

std::vector<std::string> files_in(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(SceneWriter, WritesUnderTheFinalNamesOnlyOnCommit) {
  test::TempDir dir;
  const std::filesystem::path out = dir.path() / "map";
  {
    SceneWriter writer(layout(out, Task::single_label, false));
    const std::uint8_t classes[] = {0, 1, 1};
    const float scores[] = {0.5f, 0.75f, 1.0f};
    writer.write_row(0, classes, scores);
    writer.write_row(1, classes, scores);
    EXPECT_EQ(files_in(out).size(), 2u);
    EXPECT_FALSE(std::filesystem::exists(out / kClassesFile));
    writer.commit();
  }
  EXPECT_EQ(files_in(out), (std::vector<std::string>{"classes.tif", "scores.tif"}));
  EXPECT_EQ(test::gdal_band(out / kClassesFile, 1), (std::vector<float>{0, 1, 1, 0, 1, 1}));
  EXPECT_EQ(test::gdal_band(out / kScoresFile, 1), (std::vector<float>{0.5f, 0.75f, 1, 0.5f, 0.75f, 1}));
  const test::RasterFacts classes = test::raster_facts(out / kClassesFile);
  EXPECT_EQ(classes.type, GDT_Byte);
  EXPECT_TRUE(classes.has_colour_table);
  EXPECT_EQ(classes.metadata.at("EORUN_CLASSES"), "[\"water\",\"forest\"]");
  EXPECT_EQ(classes.metadata.at("EORUN_RUN_ID"), "abc");
  EXPECT_EQ(classes.geotransform, (std::array<double, 6>{100, 60, 0, 200, 0, -60}));
  EXPECT_EQ(test::raster_facts(out / kScoresFile).type, GDT_Float32);
}

TEST(SceneWriter, LeavesNothingWithoutCommit) {
  test::TempDir dir;
  {
    SceneWriter writer(layout(dir.path(), Task::single_label, false));
    const std::uint8_t classes[] = {0, 1, 1};
    const float scores[] = {0.5f, 0.75f, 1.0f};
    writer.write_row(0, classes, scores);
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(SceneWriter, MultiLabelHasABandPerClassNamedByIt) {
  test::TempDir dir;
  SceneWriter writer(layout(dir.path(), Task::multi_label, true));
  EXPECT_EQ(writer.class_bands(), 2);
  EXPECT_EQ(writer.score_bands(), 2);
  const std::uint8_t classes[] = {0, 1, 1, 1, 0, 0};
  const float scores[] = {0.1f, 0.6f, 0.7f, 0.9f, 0.2f, 0.3f};
  writer.write_row(0, classes, scores);
  writer.write_row(1, classes, scores);
  writer.commit();
  EXPECT_EQ(test::gdal_band_count(dir.path() / kClassesFile), 2);
  EXPECT_EQ(test::gdal_band(dir.path() / kClassesFile, 2), (std::vector<float>{1, 0, 0, 1, 0, 0}));
  GDALDatasetH dataset = GDALOpen((dir.path() / kScoresFile).c_str(), GA_ReadOnly);
  ASSERT_NE(dataset, nullptr);
  EXPECT_STREQ(GDALGetDescription(GDALGetRasterBand(dataset, 2)), "forest");
  GDALClose(dataset);
}

}  // namespace
}  // namespace eorun
