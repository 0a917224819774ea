// eorun plugin SDK: the loss interface.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

#include "eorun/dataset.hpp"

namespace eorun {

// What the core tells a loss when it makes one. The counts come from the train split, computed
// once by the core per data set (and cached), so a weighted loss needs no pass over the data.
struct LossContext {
  std::int64_t num_classes = 0;
  Task task = Task::multi_label;
  std::vector<std::string> class_names;
  std::int64_t train_samples = 0;  // samples in the train split
  // Per class: multi-label, the train samples where the class is positive; single-label, the
  // train samples of that class.
  std::vector<std::int64_t> class_counts;
};

class Loss {
 public:
  virtual ~Loss() = default;
  // Scalar mean loss of a batch: logits [N, C]; target as Sample::target, batched ([N, C] float
  // 0/1 for multi-label, [N] int64 class indices for single-label).
  virtual at::Tensor compute(const at::Tensor& logits, const at::Tensor& target) = 0;
};

}  // namespace eorun
