// ResNet behind the eorun::Model interface, and its declared parameters.
#pragma once

#include <memory>
#include <vector>

#include "eorun/model.hpp"
#include "eorun/params.hpp"
#include "resnet.hpp"

namespace eorun::resnet {

// The plugin's parameters: depth (18, 34, 50 or 101; default 18).
inline constexpr ParamSpec kParams[] = {
    {"depth", ParamType::integer, "18", "[18, 34, 50, 101]",
     "layers: 18 or 34 (basic blocks), 50 or 101 (bottleneck blocks); any bands and classes, "
     "patches of at least 33x33 pixels"},
};

// Options from resolved parameters and the data the model will see: in_channels from
// context.inputs[0], num_classes from context.num_classes. Throws eorun::Error when the dataset
// has more than one input group, no class, or patches smaller than kMinimumSide on both sides
// (support/single_input.hpp).
ResNetOptions options_from(const Params& params, const ModelContext& context);

class ResNetModel final : public Model {
 public:
  explicit ResNetModel(const ResNetOptions& options) : net_(options) {}

  at::Tensor forward(const std::vector<at::Tensor>& inputs) override;
  std::shared_ptr<torch::nn::Module> module() override { return net_.ptr(); }
  // stem (conv1, bn1), layer1, layer2, layer3, layer4, head (fc): from input to output.
  std::vector<ModuleGroup> groups() override;

  ResNet& net() { return net_; }

 private:
  ResNet net_;
};

}  // namespace eorun::resnet
