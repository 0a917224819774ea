// The shortcnn model plugin: descriptor and factory.
#include "eorun/plugin.hpp"

#include "short_cnn_model.hpp"

namespace {

eorun::Model* create_model(const eorun::Params& params, const eorun::ModelContext& context) {
  return new eorun::shortcnn::ShortCnnModel(eorun::shortcnn::options_from(params, context));
}

}  // namespace

EORUN_DECLARE_PLUGIN(eorun::model_plugin(
    "shortcnn", "1.0.0", "ShortCNN, the BigEarthNet reference CNN (3 conv layers, one linear head)",
    eorun::shortcnn::kParams, &create_model))
