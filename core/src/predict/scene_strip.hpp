// The rows of a scene that the current windows read, normalised as the run's training batches
// were (data/channel_normalise.hpp): a strip that slides down the scene, reading each scene row
// once, so memory is bounded by the window height whatever the scene's size.
#pragma once

#include <vector>

#include "data/channel_normalise.hpp"
#include "predict/scene_reader.hpp"

namespace eorun {

class SceneStrip {
 public:
  // `scaling` has one factor per channel of `reader`; `max_rows` is the most rows held at once
  // (the window height). `reader` must outlive the strip.
  SceneStrip(const SceneReader& reader, ChannelScaling scaling, int max_rows);

  // Holds scene rows [first, last) (last - first <= max_rows). Rows already held are kept; rows
  // above `first` are dropped; the others are read and normalised. `first` never decreases.
  void hold_rows(int first, int last);

  int channels() const { return reader_.channels(); }

  // The window of `height` x `width` pixels whose top-left is scene pixel (top, left), mirrored
  // at the scene's borders (window_planner.hpp), written channel after channel into `out`
  // (channels x height x width floats). Every row it reads must be held.
  void copy_window(int top, int left, int height, int width, float* out) const;

 private:
  const float* row(int channel, int scene_row) const;

  const SceneReader& reader_;
  ChannelScaling scaling_;
  int max_rows_;
  int width_;
  int first_ = 0, last_ = 0;   // held scene rows
  std::vector<float> rows_;    // [channel][max_rows][width], row first_ at index 0
  std::vector<float> read_;    // raw rows as read, before normalisation
};

}  // namespace eorun
