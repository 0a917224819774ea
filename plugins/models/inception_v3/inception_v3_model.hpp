// Inception-v3 behind the eorun::Model interface, and its declared parameters.
#pragma once

#include <memory>
#include <vector>

#include "eorun/model.hpp"
#include "eorun/params.hpp"
#include "inception_v3.hpp"

namespace eorun::inception {

// The plugin's parameter: aux_logits (default false).
inline constexpr ParamSpec kParams[] = {
    {"aux_logits", ParamType::boolean, "false", nullptr,
     "make torchvision's auxiliary classifier (AuxLogits) so that weight files holding it load; "
     "it is never run and takes no part in the loss"},
};

// Options from resolved parameters and the data the model will see: in_channels from the one
// input group, num_classes from context.num_classes. Throws eorun::Error when the dataset has more
// than one input group or patches smaller than 75x75.
InceptionV3Options options_from(const Params& params, const ModelContext& context);

class InceptionV3Model final : public Model {
 public:
  explicit InceptionV3Model(const InceptionV3Options& options) : net_(options) {}

  at::Tensor forward(const std::vector<at::Tensor>& inputs) override;
  std::shared_ptr<torch::nn::Module> module() override { return net_.ptr(); }
  // stem (Conv2d_1a_3x3 ... Conv2d_4a_3x3 and both max-pools), mixed_5 (Mixed_5b..5d), mixed_6
  // (Mixed_6a..6e, and AuxLogits' conv0 and conv1 when present), mixed_7 (Mixed_7a..7c), head
  // (avgpool, dropout, fc, and AuxLogits.fc when present: the layers sized by the classes, so
  // that weights for another number of classes load with the head re-initialised).
  std::vector<ModuleGroup> groups() override;

  InceptionV3& net() { return net_; }

 private:
  InceptionV3 net_;
};

}  // namespace eorun::inception
