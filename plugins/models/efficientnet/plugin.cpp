// The efficientnet model plugin: descriptor and factory.
#include "eorun/plugin.hpp"

#include "efficientnet_model.hpp"

namespace {

eorun::Model* create_model(const eorun::Params& params, const eorun::ModelContext& context) {
  return new eorun::efficientnet::EfficientNetModel(
      eorun::efficientnet::options_from(params, context));
}

}  // namespace

EORUN_DECLARE_PLUGIN(eorun::model_plugin(
    "efficientnet", "1.0.0",
    "EfficientNet-B0 ... B4 in torchvision's layout; any band count, patches of at least 32x32",
    eorun::efficientnet::kParams, &create_model))
