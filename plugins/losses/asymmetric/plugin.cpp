// The asymmetric loss plugin: descriptor and factory.
#include "eorun/plugin.hpp"

#include "asymmetric_loss.hpp"

namespace {

eorun::Loss* create_loss(const eorun::Params& params, const eorun::LossContext& context) {
  return eorun::asymmetric::make_asymmetric_loss(params, context).release();
}

}  // namespace

EORUN_DECLARE_PLUGIN(eorun::loss_plugin(
    "asymmetric", "1.0.0",
    "asymmetric loss (ASL, Ridnik et al. 2021) on logits for multi-label targets, mean",
    eorun::asymmetric::kParams, &create_loss))
