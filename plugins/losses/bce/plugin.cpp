// The bce loss plugin: descriptor and factory.
#include "eorun/plugin.hpp"

#include "bce_loss.hpp"

namespace eorun::bce {

namespace {

Loss* create_loss(const Params& params, const LossContext& context) {
  return make_bce_loss(params, context).release();
}

const PluginDescriptor* descriptor() {
  static const PluginDescriptor value = [] {
    PluginDescriptor d = make_descriptor(
        PluginKind::loss, "bce", "1.0.0",
        "binary cross-entropy on logits for multi-label targets (mean), optional label smoothing",
        param_specs().data(), param_specs().size());
    d.create_loss = &create_loss;
    return d;
  }();
  return &value;
}

}  // namespace

const PluginDescriptor* bce_plugin_entry() { return descriptor(); }

}  // namespace eorun::bce

EORUN_PLUGIN(eorun::bce::bce_plugin_entry)
