#include "predict/scene_strip.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

#include "predict/window_planner.hpp"

namespace eorun {

SceneStrip::SceneStrip(const SceneReader& reader, ChannelScaling scaling, int max_rows)
    : reader_(reader), scaling_(std::move(scaling)), max_rows_(max_rows), width_(reader.width()) {
  if (static_cast<int>(scaling_.mean.size()) != reader_.channels() ||
      static_cast<int>(scaling_.inverse_std.size()) != reader_.channels())
    throw std::logic_error("SceneStrip: " + std::to_string(scaling_.mean.size()) + " scaling factors for " +
                           std::to_string(reader_.channels()) + " channels");
  const std::size_t plane = static_cast<std::size_t>(max_rows_) * static_cast<std::size_t>(width_);
  rows_.resize(plane * static_cast<std::size_t>(reader_.channels()));
  read_.resize(rows_.size());
}

void SceneStrip::hold_rows(int first, int last) {
  if (first < first_ || last - first > max_rows_ || first > last)
    throw std::logic_error("SceneStrip: rows [" + std::to_string(first) + ", " + std::to_string(last) +
                           ") after [" + std::to_string(first_) + ", " + std::to_string(last_) + ")");
  const std::size_t width = static_cast<std::size_t>(width_);
  const std::size_t plane = static_cast<std::size_t>(max_rows_) * width;
  const int kept_first = std::max(first, first_);
  const int kept_last = std::min(last, last_);
  const int kept = std::max(0, kept_last - kept_first);
  if (kept > 0 && kept_first > first_)
    for (int c = 0; c < reader_.channels(); ++c) {
      float* plane_start = rows_.data() + static_cast<std::size_t>(c) * plane;
      std::memmove(plane_start, plane_start + static_cast<std::size_t>(kept_first - first_) * width,
                   static_cast<std::size_t>(kept) * width * sizeof(float));
    }
  const int read_first = kept > 0 ? kept_last : first;
  const int count = last - read_first;
  if (count > 0) {
    reader_.read_rows(read_first, count, read_.data());
    const std::size_t pixels = static_cast<std::size_t>(count) * width;
    for (int c = 0; c < reader_.channels(); ++c)
      normalise_channels(read_.data() + static_cast<std::size_t>(c) * pixels, 1, pixels,
                         scaling_.mean.data() + c, scaling_.inverse_std.data() + c,
                         rows_.data() + static_cast<std::size_t>(c) * plane +
                             static_cast<std::size_t>(read_first - first) * width);
  }
  first_ = first;
  last_ = last;
}

const float* SceneStrip::row(int channel, int scene_row) const {
  const int read = mirror_index(scene_row, reader_.height());
  if (read < first_ || read >= last_)
    throw std::logic_error("SceneStrip: row " + std::to_string(read) + " is not held");
  const std::size_t width = static_cast<std::size_t>(width_);
  return rows_.data() + static_cast<std::size_t>(channel) * static_cast<std::size_t>(max_rows_) * width +
         static_cast<std::size_t>(read - first_) * width;
}

void SceneStrip::copy_window(int top, int left, int height, int width, float* out) const {
  const bool inside = left >= 0 && left + width <= width_;
  for (int c = 0; c < reader_.channels(); ++c)
    for (int y = 0; y < height; ++y) {
      const float* source = row(c, top + y);
      if (inside) {
        std::memcpy(out, source + left, static_cast<std::size_t>(width) * sizeof(float));
      } else {
        for (int x = 0; x < width; ++x) out[x] = source[mirror_index(left + x, width_)];
      }
      out += width;
    }
}

}  // namespace eorun
