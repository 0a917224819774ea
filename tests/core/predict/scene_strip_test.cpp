// SceneReader and SceneStrip on a real GeoTIFF whose pixels say where they are:
// value = 1000 * band + 100 * row + column (band 1-based in the file's order).
#include "predict/scene_strip.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "support/error_text.hpp"
#include "support/geotiff_writer.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using test::error_of;

constexpr int kWidth = 12, kHeight = 10;

float pixel(int band, int row, int col) { return static_cast<float>(1000 * band + 100 * row + col); }

std::filesystem::path write_scene(const test::TempDir& dir) {
  std::vector<float> pixels;
  for (int band = 1; band <= 3; ++band)
    for (int row = 0; row < kHeight; ++row)
      for (int col = 0; col < kWidth; ++col) pixels.push_back(pixel(band, row, col));
  const std::filesystem::path path = dir.path() / "scene.tif";
  support::write_geotiff(path, pixels, kWidth, kHeight, 3, {{100, 10, 0, 200, 0, -10}, support::kUtm33nWkt},
                         {"B04", "B03", "B02"});
  return path;
}

TEST(SceneReader, MapsTheRunBandsAndReadsRows) {
  test::TempDir dir;
  const SceneReader reader(write_scene(dir), {"auto"}, {"B02", "B04"}, "run abc");
  EXPECT_EQ(reader.width(), kWidth);
  EXPECT_EQ(reader.height(), kHeight);
  EXPECT_EQ(reader.bands(), (std::vector<int>{3, 1}));
  EXPECT_EQ(reader.georeference().geotransform, (std::array<double, 6>{100, 10, 0, 200, 0, -10}));
  std::vector<float> rows(2 * 2 * kWidth);
  reader.read_rows(4, 2, rows.data());
  EXPECT_EQ(rows[0], pixel(3, 4, 0));
  EXPECT_EQ(rows[kWidth + 5], pixel(3, 5, 5));
  EXPECT_EQ(rows[2 * kWidth + 1], pixel(1, 4, 1));
}

TEST(SceneReader, RefusesAMissingFileAndANonRaster) {
  test::TempDir dir;
  EXPECT_NE(error_of([&] { SceneReader(dir.path() / "none.tif", {"auto"}, {"B02"}, "run abc"); })
                .find("does not exist"),
            std::string::npos);
  std::ofstream(dir.path() / "notes.txt") << "text\n";
  EXPECT_NE(error_of([&] { SceneReader(dir.path() / "notes.txt", {"auto"}, {"B02"}, "run abc"); })
                .find("is not a readable raster"),
            std::string::npos);
}

TEST(SceneStrip, NormalisesAndMirrorsWindowsAtTheBorders) {
  test::TempDir dir;
  const SceneReader reader(write_scene(dir), {"auto"}, {"B02"}, "run abc");
  SceneStrip strip(reader, channel_scaling({3000.0}, {2.0}), 4);
  strip.hold_rows(0, 3);
  std::vector<float> window(4 * 4);
  strip.copy_window(-2, -2, 4, 4, window.data());  // rows -2,-1,0,1 = 1,0,0,1; same columns
  const int mirrored[] = {1, 0, 0, 1};
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 4; ++x)
      EXPECT_EQ(window[static_cast<std::size_t>(y * 4 + x)], (pixel(3, mirrored[y], mirrored[x]) - 3000.0f) * 0.5f)
          << y << "," << x;
}

TEST(SceneStrip, SlidesDownKeepingWhatItHolds) {
  test::TempDir dir;
  const SceneReader reader(write_scene(dir), {"auto"}, {"B04", "B02"}, "run abc");
  SceneStrip strip(reader, channel_scaling({0.0, 0.0}, {1.0, 1.0}), 4);
  strip.hold_rows(0, 4);
  strip.hold_rows(2, 6);
  strip.hold_rows(7, 10);
  std::vector<float> window(2 * 4 * 3);
  strip.copy_window(8, 10, 4, 3, window.data());  // rows 8,9,10,11 = 8,9,9,8; columns 10,11,11
  EXPECT_EQ(window[0], pixel(1, 8, 10));
  EXPECT_EQ(window[2], pixel(1, 8, 11));
  EXPECT_EQ(window[2 * 3 + 1], pixel(1, 9, 11));
  EXPECT_EQ(window[3 * 3], pixel(1, 8, 10));
  EXPECT_EQ(window[4 * 3], pixel(3, 8, 10));
  EXPECT_THROW(strip.copy_window(5, 0, 2, 2, window.data()), std::logic_error) << "row 5 was dropped";
}

}  // namespace
}  // namespace eorun
