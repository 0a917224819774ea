// The resnet model plugin: descriptor and factory.
#include "eorun/plugin.hpp"

#include "resnet_model.hpp"

namespace {

eorun::Model* create_model(const eorun::Params& params, const eorun::ModelContext& context) {
  return new eorun::resnet::ResNetModel(eorun::resnet::options_from(params, context));
}

}  // namespace

EORUN_DECLARE_PLUGIN(eorun::model_plugin(
    "resnet", "1.0.0",
    "ResNet-18/34/50/101 in torchvision's layout, any bands and classes, patches from 33x33",
    eorun::resnet::kParams, &create_model))
