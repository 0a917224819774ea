// The mse loss plugin: descriptor and factory.
#include "eorun/plugin.hpp"

#include "mse_loss.hpp"

namespace {

eorun::Loss* create_loss(const eorun::Params& params, const eorun::LossContext& context) {
  return eorun::mse::make_mse_loss(params, context).release();
}

}  // namespace

EORUN_DECLARE_PLUGIN(eorun::loss_plugin(
    "mse", "1.0.0",
    "mean squared error of sigmoid (multi-label) or softmax (single-label) probabilities against "
    "0/1 or one-hot targets",
    &create_loss))
