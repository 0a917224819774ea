// eorun plugin SDK: the loss interface.
#pragma once

#include <cstdint>
#include <vector>

#include <ATen/core/Tensor.h>

#include "eorun/dataset.hpp"

namespace eorun {

struct LossContext {
  std::int64_t num_classes = 0;
  Task task = Task::multi_label;
};

class Loss {
 public:
  virtual ~Loss() = default;
  // Scalar mean loss of a batch: logits [N, C]; target as Sample::target, batched.
  virtual at::Tensor compute(const at::Tensor& logits, const at::Tensor& target) = 0;
};

}  // namespace eorun
