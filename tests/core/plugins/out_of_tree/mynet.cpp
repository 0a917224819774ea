// mynet: a minimal eorun model plugin (global-average pooling, then one linear layer).
#include <iterator>
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
  std::vector<eorun::ParameterGroup> parameter_groups() override {
    return {{"head", head_->parameters()}};
  }

 private:
  torch::nn::Linear head_;
};

eorun::Model* create(const eorun::Params& params, const eorun::ModelContext& context) {
  return new MyNet(context.input_shapes.at(0).at(0), context.num_classes,
                   params.get_bool("bias"));
}

constexpr eorun::ParamSpec kParams[] = {
    {"bias", eorun::ParamType::boolean, "true", nullptr, "learn a bias in the linear head"},
};

eorun::PluginDescriptor describe() {
  eorun::PluginDescriptor d = eorun::make_descriptor(
      eorun::PluginKind::model, "mynet", "0.1.0", "pooled linear classifier (example plugin)",
      kParams, std::size(kParams));
  d.create_model = &create;
  return d;
}

const eorun::PluginDescriptor kDescriptor = describe();

}  // namespace

const eorun::PluginDescriptor* mynet_entry() { return &kDescriptor; }
EORUN_PLUGIN(mynet_entry)
