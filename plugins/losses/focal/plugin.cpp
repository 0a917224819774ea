// The focal loss plugin: descriptor and factory.
#include "eorun/plugin.hpp"

#include "focal_loss.hpp"

namespace {

eorun::Loss* create_loss(const eorun::Params& params, const eorun::LossContext& context) {
  return eorun::focal::make_focal_loss(params, context).release();
}

}  // namespace

EORUN_DECLARE_PLUGIN(eorun::loss_plugin(
    "focal", "1.0.0",
    "sigmoid focal loss (Lin et al. 2017) on logits for multi-label targets, mean (as "
    "torchvision's sigmoid_focal_loss)",
    eorun::focal::kParams, &create_loss))
