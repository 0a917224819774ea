#include "predict/window_planner.hpp"

#include <algorithm>

#include "eorun/error.hpp"

namespace eorun {

std::pair<int, int> WindowPlan::rows_read(int out_row) const {
  const int top = window_top(out_row);
  int first = scene_height, last = 0;
  for (int row = top; row < top + window_height; ++row) {
    const int read = mirror_index(row, scene_height);
    first = std::min(first, read);
    last = std::max(last, read + 1);
  }
  return {first, last};
}

std::array<double, 6> WindowPlan::output_geotransform(const std::array<double, 6>& scene) const {
  return {scene[0], scene[1] * stride, scene[2] * stride, scene[3], scene[4] * stride, scene[5] * stride};
}

WindowPlan plan_windows(int scene_width, int scene_height, int window_width, int window_height,
                        int stride, const std::string& scene) {
  if (stride < 1)
    throw Error("--stride " + std::to_string(stride), "must be at least 1",
                "give the step between windows in input pixels, e.g. --stride " + std::to_string(window_width / 2));
  const std::string window = std::to_string(window_width) + "x" + std::to_string(window_height);
  if (scene_width < window_width || scene_height < window_height)
    throw Error(scene,
                "is " + std::to_string(scene_width) + "x" + std::to_string(scene_height) +
                    " pixels, smaller than one " + window + " window of the model",
                "predict on a scene of at least " + window + " pixels");
  return {scene_width, scene_height, window_width, window_height, stride};
}

}  // namespace eorun
