// eorun plugin SDK: the model interface.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

namespace torch::nn {
class Module;
}

namespace eorun {

// What the core tells a model when it makes one: the data it will see.
struct ModelContext {
  std::int64_t num_classes = 0;
  std::vector<std::vector<std::int64_t>> input_shapes;  // [C, H, W] per input group
  std::vector<std::string> band_names;                  // channel order
};

// Parameters of one stage of the network, from input to output (stem, block1, ..., head).
// The core implements freezing and fine-tuning levels on top of these groups.
struct ParameterGroup {
  std::string name;
  std::vector<at::Tensor> parameters;
};

class Model {
 public:
  virtual ~Model() = default;
  // Logits [N, num_classes] from one batch tensor per input group.
  virtual at::Tensor forward(const std::vector<at::Tensor>& inputs) = 0;
  // The module holding every parameter and buffer (train/eval, state, serialisation).
  virtual std::shared_ptr<torch::nn::Module> module() = 0;
  // Ordered groups from input to output; together they hold every trainable parameter once.
  virtual std::vector<ParameterGroup> parameter_groups() = 0;
};

}  // namespace eorun
