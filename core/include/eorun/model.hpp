// eorun plugin SDK: the model interface.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

#include "eorun/dataset.hpp"

namespace torch::nn {
class Module;
}

namespace eorun {

// What the core tells a model when it makes one: the data it will see.
struct ModelContext {
  std::int64_t num_classes = 0;
  Task task = Task::multi_label;
  std::vector<InputGroup> inputs;  // per input group: name, band names, resolution, [C, H, W]
};

// One stage of the network: the submodules that make it, from input to output (stem, block1,
// ..., head). The core implements fine-tuning on top of these groups: a frozen group's
// parameters get no gradient and its buffers (batch-norm running statistics) do not move, its
// batch-norm layers stay in eval mode. A plugin never freezes anything itself.
struct ModuleGroup {
  std::string name;  // [a-z0-9_]+, unique within the model
  std::vector<std::shared_ptr<torch::nn::Module>> modules;
};

class Model {
 public:
  virtual ~Model() = default;
  // Logits [N, num_classes] from one batch tensor per input group.
  virtual at::Tensor forward(const std::vector<at::Tensor>& inputs) = 0;
  // The module holding every parameter and buffer (train/eval, state, serialisation). Parameter
  // names follow torchvision where the architecture exists there, so weights move both ways.
  virtual std::shared_ptr<torch::nn::Module> module() = 0;
  // Ordered groups from input to output. Together they hold every parameter of module() exactly
  // once (the core checks it and names what is missing or doubled). The LAST group is the head:
  // the layers that depend on the number of classes.
  virtual std::vector<ModuleGroup> groups() = 0;
};

}  // namespace eorun
