#include "bce_loss.hpp"

#include <ATen/ATen.h>

#include "loss_support.hpp"

namespace eorun::bce {

BceLoss::BceLoss(double label_smoothing) : label_smoothing_(label_smoothing) {}

at::Tensor BceLoss::compute(const at::Tensor& logits, const at::Tensor& target) {
  losses::check_multi_label_batch("bce", logits, target);
  const at::Tensor t = losses::smoothed_binary_targets(target, logits, label_smoothing_);
  return at::binary_cross_entropy_with_logits(logits, t, /*weight=*/{}, /*pos_weight=*/{},
                                              at::Reduction::Mean);
}

std::unique_ptr<BceLoss> make_bce_loss(const Params& params, const LossContext& context) {
  losses::require_task("bce", context, Task::multi_label);
  return std::make_unique<BceLoss>(params.get_real("label_smoothing"));
}

}  // namespace eorun::bce
