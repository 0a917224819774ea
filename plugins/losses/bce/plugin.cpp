// The bce loss plugin: descriptor and factory.
#include "eorun/plugin.hpp"

#include "bce_loss.hpp"

namespace {

eorun::Loss* create_loss(const eorun::Params& params, const eorun::LossContext& context) {
  return eorun::bce::make_bce_loss(params, context).release();
}

}  // namespace

EORUN_DECLARE_PLUGIN(eorun::loss_plugin(
    "bce", "1.0.0",
    "binary cross-entropy on logits for multi-label targets (mean), optional label smoothing",
    eorun::bce::kParams, &create_loss))
