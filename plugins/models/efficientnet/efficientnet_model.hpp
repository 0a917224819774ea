// EfficientNet behind the eorun::Model interface, and its declared parameters.
#pragma once

#include <memory>
#include <vector>

#include "efficientnet.hpp"
#include "eorun/model.hpp"
#include "eorun/params.hpp"

namespace eorun::efficientnet {

// The plugin's parameter: variant ("b0" ... "b4"; default "b0").
inline constexpr ParamSpec kParams[] = {
    {"variant", ParamType::string, "\"b0\"", "[\"b0\", \"b1\", \"b2\", \"b3\", \"b4\"]",
     "b0 ... b4 (torchvision's efficientnet_b0 ... b4, with their dropout and stochastic depth); "
     "patches of at least 32x32 pixels"},
};

// Options from resolved parameters and the data the model will see: in_channels from the one
// input group, num_classes from context.num_classes. Throws eorun::Error when the dataset has more
// than one input group or patches smaller than 32x32.
EfficientNetOptions options_from(const Params& params, const ModelContext& context);

class EfficientNetModel final : public Model {
 public:
  explicit EfficientNetModel(const EfficientNetOptions& options) : net_(options) {}

  at::Tensor forward(const std::vector<at::Tensor>& inputs) override;
  std::shared_ptr<torch::nn::Module> module() override { return net_.ptr(); }
  // By the resolution a group ends at: stem (features.0, 1/2), block1 (features.1 and 2, 1/4),
  // block2 (features.3, 1/8), block3 (features.4 and 5, 1/16), block4 (features.6, 7 and the
  // final 1x1 conv features.8, 1/32), head (the classifier).
  std::vector<ModuleGroup> groups() override;

  EfficientNet& net() { return net_; }

 private:
  EfficientNet net_;
};

}  // namespace eorun::efficientnet
