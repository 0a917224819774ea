// The weighted_bce loss plugin: descriptor and factory.
#include "eorun/plugin.hpp"

#include "weighted_bce_loss.hpp"

namespace {

eorun::Loss* create_loss(const eorun::Params& params, const eorun::LossContext& context) {
  return eorun::weighted_bce::make_weighted_bce_loss(params, context).release();
}

}  // namespace

EORUN_DECLARE_PLUGIN(eorun::loss_plugin(
    "weighted_bce", "1.0.0",
    "binary cross-entropy on logits (mean), positives of class c weighted by its train split's "
    "negatives / positives, capped",
    eorun::weighted_bce::kParams, &create_loss))
