// The vgg model plugin: descriptor and factory.
#include "eorun/plugin.hpp"

#include "vgg_model.hpp"

namespace {

eorun::Model* create_model(const eorun::Params& params, const eorun::ModelContext& context) {
  return new eorun::vgg::VggModel(eorun::vgg::options_from(params, context));
}

}  // namespace

EORUN_DECLARE_PLUGIN(eorun::model_plugin(
    "vgg", "1.0.0",
    "VGG-11/13/16/19, with or without batch norm, in torchvision's layout; any band count, "
    "patches of at least 32x32",
    eorun::vgg::kParams, &create_model))
