// DenseNet behind the eorun::Model interface, and its declared parameters.
#pragma once

#include <memory>
#include <vector>

#include "densenet.hpp"
#include "eorun/model.hpp"
#include "eorun/params.hpp"

namespace eorun::densenet {

// The plugin's parameter: depth (121, 161, 169 or 201; default 121).
inline constexpr ParamSpec kParams[] = {
    {"depth", ParamType::integer, "121", "[121, 161, 169, 201]",
     "layers: 121, 161, 169 or 201 (torchvision's densenet121 ... densenet201); patches of at "
     "least 29x29 pixels"},
};

// Options from resolved parameters and the data the model will see: in_channels from the one
// input group, num_classes from context.num_classes. Throws eorun::Error when the dataset has more
// than one input group or patches smaller than 29x29.
DenseNetOptions options_from(const Params& params, const ModelContext& context);

class DenseNetModel final : public Model {
 public:
  explicit DenseNetModel(const DenseNetOptions& options) : net_(options) {}

  at::Tensor forward(const std::vector<at::Tensor>& inputs) override;
  std::shared_ptr<torch::nn::Module> module() override { return net_.ptr(); }
  // stem (conv0, norm0 and their ReLU and max-pool), block1 ... block3 (a dense block and the
  // transition after it), block4 (denseblock4 and norm5), head (the classifier).
  std::vector<ModuleGroup> groups() override;

  DenseNet& net() { return net_; }

 private:
  DenseNet net_;
};

}  // namespace eorun::densenet
