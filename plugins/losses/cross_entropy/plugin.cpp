// The cross_entropy loss plugin: descriptor and factory.
#include "eorun/plugin.hpp"

#include "cross_entropy_loss.hpp"

namespace {

eorun::Loss* create_loss(const eorun::Params& params, const eorun::LossContext& context) {
  return eorun::cross_entropy::make_cross_entropy_loss(params, context).release();
}

}  // namespace

EORUN_DECLARE_PLUGIN(eorun::loss_plugin(
    "cross_entropy", "1.0.0",
    "softmax cross-entropy on logits for single-label targets (weighted mean), optional class "
    "weights and label smoothing",
    eorun::cross_entropy::kParams, &create_loss))
