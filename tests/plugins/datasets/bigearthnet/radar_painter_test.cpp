// The synthetic Sentinel-1 partner of a painted patch: the same scene, class backscatter levels
// in dB with speckle, deterministic.
#include "synth/radar_painter.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <gtest/gtest.h>

namespace eorun::bigearthnet {
namespace {

double mean(const std::vector<float>& values) {
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

// A patch covered by class `c` alone.
PaintedPatch uniform_patch(int c) {
  PaintedPatch patch;
  patch.classes = {c};
  patch.cover.assign(static_cast<std::size_t>(kFineSize) * kFineSize, static_cast<std::uint8_t>(c));
  return patch;
}

TEST(PatchPainter, CoverIsTheClassOfEveryTenMetrePixel) {
  const PaintedPatch patch = paint_patch(77);
  ASSERT_EQ(patch.cover.size(), static_cast<std::size_t>(kFineSize * kFineSize));
  std::vector<int> seen(patch.cover.begin(), patch.cover.end());
  std::sort(seen.begin(), seen.end());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  EXPECT_EQ(seen, patch.classes) << "every class covers some pixels, no other class does";
}

TEST(RadarPainter, SameSeedSameRadarPatch) {
  const PaintedPatch patch = paint_patch(5);
  const RadarPatch a = paint_radar(patch, 9);
  const RadarPatch b = paint_radar(patch, 9);
  EXPECT_EQ(a.vv, b.vv);
  EXPECT_EQ(a.vh, b.vh);
  EXPECT_NE(paint_radar(patch, 10).vv, a.vv);
  ASSERT_EQ(a.vv.size(), static_cast<std::size_t>(kFineSize * kFineSize));
  EXPECT_NE(a.vv, a.vh);
}

TEST(RadarPainter, ClassLevelsInDecibelsWithVhBelowVv) {
  for (int c = 0; c < kSynthClassCount; ++c) {
    const RadarPatch radar = paint_radar(uniform_patch(c), 3);
    const auto& level = synth_classes()[static_cast<std::size_t>(c)].backscatter_db;
    // Speckle lowers the mean of dB values by about 0.5 dB (4 looks); the class offset is +-1.
    EXPECT_NEAR(mean(radar.vv), level[0] - 0.5, 1.6) << synth_classes()[static_cast<std::size_t>(c)].name;
    EXPECT_NEAR(mean(radar.vh), level[1] - 0.5, 1.6) << synth_classes()[static_cast<std::size_t>(c)].name;
    EXPECT_LT(mean(radar.vh), mean(radar.vv));
  }
  const double water = mean(paint_radar(uniform_patch(7), 1).vv);
  const double urban = mean(paint_radar(uniform_patch(0), 1).vv);
  EXPECT_LT(water, -18.0) << "water is dark in radar";
  EXPECT_GT(urban, -8.0) << "built-up areas are bright";
}

}  // namespace
}  // namespace eorun::bigearthnet
