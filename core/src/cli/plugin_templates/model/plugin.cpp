// @NAME@: an eorun model plugin, a small CNN (a convolution, global average pooling, a linear head).
//
// eorun makes the model through `create`, telling it the data it will see (ModelContext: the
// number of classes, the task, and each input group's band names, resolution and [C, H, W]), then
// trains it: normalisation, batching, the optimizer, fine-tuning and checkpoints are eorun's.
#include <memory>
#include <string>
#include <vector>

#include <torch/torch.h>

#include <eorun/plugin.hpp>

namespace {

// The network. Where the architecture exists in torchvision, name its parts as torchvision does,
// so that weights move between eorun and Python under the same names.
struct @CLASS@NetImpl : torch::nn::Module {
  @CLASS@NetImpl(std::int64_t in_channels, std::int64_t width, std::int64_t classes)
      : stem(register_module(
            "stem", torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, width, 3).padding(1)))),
        head(register_module("head", torch::nn::Linear(width, classes))) {}

  torch::Tensor forward(const torch::Tensor& x) {
    return head(torch::relu(stem(x)).mean({2, 3}));  // [N, C, H, W] -> [N, width] -> [N, classes]
  }

  torch::nn::Conv2d stem;
  torch::nn::Linear head;
};
TORCH_MODULE(@CLASS@Net);

class @CLASS@ final : public eorun::Model {
 public:
  @CLASS@(std::int64_t in_channels, std::int64_t width, std::int64_t classes)
      : net_(in_channels, width, classes) {}

  // One batch tensor per input group ([N, C, H, W], already normalised) -> logits [N, classes].
  at::Tensor forward(const std::vector<at::Tensor>& inputs) override {
    return net_->forward(inputs.at(0));
  }

  // The module that holds every parameter and buffer (train/eval mode, checkpoints, hashing).
  std::shared_ptr<torch::nn::Module> module() override { return net_.ptr(); }

  // The network's stages as groups of submodules, from input to output; the LAST group is the
  // head (the layers that depend on the number of classes). eorun freezes and fine-tunes by group
  // (model.finetune = "head", "last:K", ...), buffers and batch-norm mode included; together the
  // groups must hold every parameter exactly once (eorun checks it when the run is prepared).
  std::vector<eorun::ModuleGroup> groups() override {
    return {{"stem", {net_->stem.ptr()}}, {"head", {net_->head.ptr()}}};
  }

 private:
  @CLASS@Net net_;
};

eorun::Model* create(const eorun::Params& params, const eorun::ModelContext& context) {
  // Bad input is an eorun::Error: eorun prints "eorun: error: <subject>: <problem>; <remedy>".
  if (context.inputs.size() != 1)
    throw eorun::Error("model @NAME@",
                       "takes one input group, the dataset has " +
                           std::to_string(context.inputs.size()),
                       "use a dataset that stacks all its bands into one tensor");
  return new @CLASS@(context.inputs[0].channels(), params.get_int("width"), context.num_classes);
}

// The declared parameters: eorun checks every value a user gives (type, allowed values, bounds)
// before `create` runs, fills in defaults, and `eorun plugins show @NAME@` lists them.
// name, type, default (JSON text), allowed values (JSON array or nullptr), one-line doc
constexpr eorun::ParamSpec kParams[] = {
    eorun::ParamSpec{"width", eorun::ParamType::integer, "16", nullptr, "filters of the stem"}
        .between(1, 1024),
};

}  // namespace

EORUN_DECLARE_PLUGIN(eorun::model_plugin("@NAME@", "0.1.0",
                                         "a small CNN (made by eorun new-plugin)", kParams,
                                         &create))
