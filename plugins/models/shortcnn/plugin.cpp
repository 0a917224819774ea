// The shortcnn model plugin: descriptor and factory.
#include "eorun/plugin.hpp"

#include "short_cnn_model.hpp"

namespace eorun::shortcnn {

namespace {

Model* create_model(const Params& params, const ModelContext& context) {
  return new ShortCnnModel(options_from(params, context));
}

const PluginDescriptor* descriptor() {
  static const PluginDescriptor value = [] {
    PluginDescriptor d = make_descriptor(
        PluginKind::model, "shortcnn", "1.0.0",
        "ShortCNN, the BigEarthNet reference CNN (3 conv layers, one linear head)",
        param_specs().data(), param_specs().size());
    d.create_model = &create_model;
    return d;
  }();
  return &value;
}

}  // namespace

const PluginDescriptor* shortcnn_plugin_entry() { return descriptor(); }

}  // namespace eorun::shortcnn

EORUN_PLUGIN(eorun::shortcnn::shortcnn_plugin_entry)
