// eorun plugin SDK: one sample as a dataset returns it.
#pragma once

#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

namespace eorun {

// One sample. `inputs` holds one float32 tensor [C, H, W] per input group (usually one; see
// DatasetInfo::inputs), in raw physical units (e.g. Sentinel-2 digital numbers): the core
// normalises them.
// `target` is float32 [num_classes] of 0/1 for multi-label tasks, an int64 scalar (the class
// index) for single-label tasks.
struct Sample {
  std::vector<at::Tensor> inputs;
  at::Tensor target;
  std::string id;
};

}  // namespace eorun
