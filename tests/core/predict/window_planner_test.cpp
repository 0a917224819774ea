#include "predict/window_planner.hpp"

#include <gtest/gtest.h>

#include "support/error_text.hpp"

namespace eorun {
namespace {

using test::error_of;

TEST(MirrorIndex, RepeatsTheEdgePixel) {
  EXPECT_EQ(mirror_index(-1, 10), 0);
  EXPECT_EQ(mirror_index(-3, 10), 2);
  EXPECT_EQ(mirror_index(0, 10), 0);
  EXPECT_EQ(mirror_index(9, 10), 9);
  EXPECT_EQ(mirror_index(10, 10), 9);
  EXPECT_EQ(mirror_index(12, 10), 7);
}

TEST(WindowPlan, OutputCoversTheSceneOnePixelPerStrideBlock) {
  const WindowPlan plan = plan_windows(130, 120, 120, 120, 60, "scene");
  EXPECT_EQ(plan.out_width(), 3);  // ceil(130 / 60)
  EXPECT_EQ(plan.out_height(), 2);
  EXPECT_EQ(plan.window_count(), 6);
  EXPECT_EQ(plan_windows(10980, 10980, 120, 120, 60, "scene").out_width(), 183);
}

TEST(WindowPlan, WindowsAreCentredOnTheirBlock) {
  const WindowPlan plan = plan_windows(130, 120, 120, 120, 60, "scene");
  EXPECT_EQ(plan.window_left(0), 30 - 60);
  EXPECT_EQ(plan.window_left(1), 90 - 60);
  EXPECT_EQ(plan.window_left(2), 125 - 60) << "the last block is cut at the scene's edge: [120, 130)";
  const WindowPlan side_by_side = plan_windows(64, 48, 16, 16, 16, "scene");
  EXPECT_EQ(side_by_side.window_left(0), 0);
  EXPECT_EQ(side_by_side.window_left(3), 48);
  EXPECT_EQ(side_by_side.window_top(2), 32);
}

TEST(WindowPlan, RowsReadIncludeTheMirroredOnes) {
  const WindowPlan plan = plan_windows(40, 40, 16, 16, 4, "scene");
  EXPECT_EQ(plan.window_top(0), 2 - 8);
  EXPECT_EQ(plan.rows_read(0), std::make_pair(0, 10));  // rows -6..9: -6..-1 are 0..5
  EXPECT_EQ(plan.rows_read(4), std::make_pair(10, 26));
  EXPECT_EQ(plan.rows_read(9), std::make_pair(30, 40));  // rows 30..45: 40..45 are 39..34
}

TEST(WindowPlan, OutputGeotransformHasStrideTimesLargerPixels) {
  const WindowPlan plan = plan_windows(200, 200, 120, 120, 60, "scene");
  const std::array<double, 6> out = plan.output_geotransform({500000, 10, 0, 5200000, 0, -10});
  EXPECT_EQ(out, (std::array<double, 6>{500000, 600, 0, 5200000, 0, -600}));
}

TEST(WindowPlan, RefusesAStrideBelowOne) {
  EXPECT_NE(error_of([] { plan_windows(200, 200, 120, 120, 0, "scene"); }).find("--stride 0: must be at least 1"),
            std::string::npos);
}

TEST(WindowPlan, RefusesASceneSmallerThanOneWindow) {
  EXPECT_EQ(error_of([] { plan_windows(100, 200, 120, 120, 60, "scene s.tif"); }),
            "scene s.tif: is 100x200 pixels, smaller than one 120x120 window of the model; predict on a scene "
            "of at least 120x120 pixels");
}

}  // namespace
}  // namespace eorun
