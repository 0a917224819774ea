// mynet: a minimal eorun model plugin (global-average pooling, then one linear layer).
#include <memory>
#include <vector>

#include <torch/torch.h>

#include <eorun/plugin.hpp>

namespace {

class MyNet final : public eorun::Model {
 public:
  MyNet(std::int64_t in_channels, std::int64_t num_classes, bool bias)
      : head_(torch::nn::LinearOptions(in_channels, num_classes).bias(bias)) {}

  at::Tensor forward(const std::vector<at::Tensor>& inputs) override {
    return head_(inputs.at(0).mean({2, 3}));  // [N, C, H, W] -> [N, C] -> [N, classes]
  }
  std::shared_ptr<torch::nn::Module> module() override { return head_.ptr(); }
  std::vector<eorun::ModuleGroup> groups() override {
    return {{"head", {head_.ptr()}}};  // input to output; the last group is the head
  }

 private:
  torch::nn::Linear head_;
};

eorun::Model* create(const eorun::Params& params, const eorun::ModelContext& context) {
  return new MyNet(context.inputs.at(0).channels(), context.num_classes, params.get_bool("bias"));
}

// name, type, default (JSON), allowed values (JSON array or nullptr), one-line doc
constexpr eorun::ParamSpec kParams[] = {
    {"bias", eorun::ParamType::boolean, "true", nullptr, "learn a bias in the linear head"},
};

}  // namespace

EORUN_DECLARE_PLUGIN(eorun::model_plugin("mynet", "0.1.0", "pooled linear classifier (example plugin)",
                                         kParams, &create))
