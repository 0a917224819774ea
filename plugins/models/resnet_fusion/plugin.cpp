// The resnet_fusion model plugin: descriptor and factory.
#include "eorun/plugin.hpp"

#include "fusion_model.hpp"

namespace {

eorun::Model* create_model(const eorun::Params& params, const eorun::ModelContext& context) {
  return new eorun::resnet_fusion::FusionModel(eorun::resnet_fusion::options_from(params, context));
}

}  // namespace

EORUN_DECLARE_PLUGIN(eorun::model_plugin(
    "resnet_fusion", "1.0.0",
    "ResNet-18/34/50 fusing Sentinel-2's 10 m, 20 m and 60 m bands at their native sizes "
    "(intermediate or late fusion; bigearthnet with resample = \"none\")",
    eorun::resnet_fusion::kParams, &create_model))
