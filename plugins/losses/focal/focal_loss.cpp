#include "focal_loss.hpp"

#include <ATen/ATen.h>

#include "loss_support.hpp"

namespace eorun::focal {

FocalLoss::FocalLoss(const FocalOptions& options) : options_(options) {}

at::Tensor FocalLoss::compute(const at::Tensor& logits, const at::Tensor& target) {
  losses::check_multi_label_batch("focal", logits, target);
  const at::Tensor t = target.to(logits.scalar_type());
  // -log p_t is the binary cross-entropy of the logit; for 0/1 targets
  // 1 - p_t = sigmoid(-x) where t = 1 and sigmoid(x) where t = 0, that is sigmoid(-(2t - 1) x).
  at::Tensor loss = at::binary_cross_entropy_with_logits(logits, t, /*weight=*/{},
                                                         /*pos_weight=*/{}, at::Reduction::None);
  if (options_.gamma > 0) {
    const at::Tensor log_one_minus_p_t = at::log_sigmoid(-(2 * t - 1) * logits);
    loss = loss * at::exp(options_.gamma * log_one_minus_p_t);
  }
  if (options_.alpha >= 0) loss = loss * (options_.alpha * t + (1 - options_.alpha) * (1 - t));
  return loss.mean();
}

std::unique_ptr<FocalLoss> make_focal_loss(const Params& params, const LossContext& context) {
  losses::require_task("focal", context, Task::multi_label);
  FocalOptions options;
  options.gamma = params.get_real("gamma");
  options.alpha = params.get_real("alpha");
  return std::make_unique<FocalLoss>(options);
}

}  // namespace eorun::focal
