// VGG behind the eorun::Model interface, and its declared parameters.
#pragma once

#include <memory>
#include <vector>

#include "eorun/model.hpp"
#include "eorun/params.hpp"
#include "vgg.hpp"

namespace eorun::vgg {

// The plugin's parameters: depth (11, 13, 16 or 19; default 16) and batch_norm (default false).
inline constexpr ParamSpec kParams[] = {
    {"depth", ParamType::integer, "16", "[11, 13, 16, 19]",
     "weight layers: 11, 13, 16 or 19 (torchvision's vgg11 ... vgg19); patches of at least "
     "32x32 pixels"},
    {"batch_norm", ParamType::boolean, "false", nullptr,
     "BatchNorm2d after every convolution (torchvision's vgg*_bn)"},
};

// Options from resolved parameters and the data the model will see: in_channels from the one
// input group, num_classes from context.num_classes. Throws eorun::Error when the dataset has more
// than one input group or patches smaller than 32x32.
VggOptions options_from(const Params& params, const ModelContext& context);

class VggModel final : public Model {
 public:
  explicit VggModel(const VggOptions& options) : net_(options) {}

  at::Tensor forward(const std::vector<at::Tensor>& inputs) override;
  std::shared_ptr<torch::nn::Module> module() override { return net_.ptr(); }
  // block1 ... block5 (the features, split after each max-pool), classifier (the first two
  // linear layers with their ReLUs and dropouts), head (classifier.6, the last linear layer).
  std::vector<ModuleGroup> groups() override;

  Vgg& net() { return net_; }

 private:
  Vgg net_;
};

}  // namespace eorun::vgg
