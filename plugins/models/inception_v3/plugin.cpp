// The inception_v3 model plugin: descriptor and factory.
#include "eorun/plugin.hpp"

#include "inception_v3_model.hpp"

namespace {

eorun::Model* create_model(const eorun::Params& params, const eorun::ModelContext& context) {
  return new eorun::inception::InceptionV3Model(eorun::inception::options_from(params, context));
}

}  // namespace

EORUN_DECLARE_PLUGIN(eorun::model_plugin(
    "inception_v3", "1.0.0",
    "Inception-v3 in torchvision's layout, inputs resized to 299x299 inside (bilinear); any band "
    "count, patches of at least 75x75 (torchvision's minimum); no ImageNet transform_input",
    eorun::inception::kParams, &create_model))
