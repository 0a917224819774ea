// The densenet model plugin: descriptor and factory.
#include "eorun/plugin.hpp"

#include "densenet_model.hpp"

namespace {

eorun::Model* create_model(const eorun::Params& params, const eorun::ModelContext& context) {
  return new eorun::densenet::DenseNetModel(eorun::densenet::options_from(params, context));
}

}  // namespace

EORUN_DECLARE_PLUGIN(eorun::model_plugin(
    "densenet", "1.0.0",
    "DenseNet-121/161/169/201 (DenseNet-BC) in torchvision's layout; any band count, patches of "
    "at least 29x29",
    eorun::densenet::kParams, &create_model))
