// Where the windows of a sliding-window prediction lie. Output pixel (row, col) stands for the
// stride x stride block of input pixels whose top-left is (row * stride, col * stride), cut at the
// scene's edge; its window (the model's input size) is centred on that block's centre pixel
// ((first + end) / 2 along each axis: row * stride + stride / 2 for a whole block), top-left at
// centre - size / 2. Windows reaching over the scene's border read it mirrored (symmetric
// padding: row -1 is row 0, row H is row H - 1), so every output pixel has a full window. The
// output covers the scene: ceil(W / stride) x ceil(H / stride) pixels, origin at the scene's.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>

namespace eorun {

struct WindowPlan {
  int scene_width = 0, scene_height = 0;
  int window_width = 0, window_height = 0;
  int stride = 1;

  int out_width() const { return (scene_width + stride - 1) / stride; }
  int out_height() const { return (scene_height + stride - 1) / stride; }
  std::int64_t window_count() const { return std::int64_t{out_width()} * out_height(); }
  // Scene row / column of the top-left corner of the window of output row / column (may be < 0).
  int window_top(int out_row) const { return block_centre(out_row, scene_height) - window_height / 2; }
  int window_left(int out_col) const { return block_centre(out_col, scene_width) - window_width / 2; }
  // The scene rows [first, last) the windows of output row `out_row` read, mirrored rows included.
  std::pair<int, int> rows_read(int out_row) const;
  // The output's geotransform from the scene's: same origin, pixels `stride` times larger.
  std::array<double, 6> output_geotransform(const std::array<double, 6>& scene) const;

 private:
  int block_centre(int index, int size) const {
    const int first = index * stride;
    const int end = first + stride < size ? first + stride : size;
    return (first + end) / 2;
  }
};

// Throws eorun::Error when `stride` < 1 (subject "--stride") or the scene is smaller than one
// window (subject `scene`): half a window of mirrored padding needs at least a window of scene.
WindowPlan plan_windows(int scene_width, int scene_height, int window_width, int window_height,
                        int stride, const std::string& scene);

// Symmetric (mirror, edge repeated) index into [0, size) for -size <= index < 2 * size.
inline int mirror_index(int index, int size) {
  if (index < 0) return -index - 1;
  if (index >= size) return 2 * size - index - 1;
  return index;
}

}  // namespace eorun
