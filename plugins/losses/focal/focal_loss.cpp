#include "focal_loss.hpp"

#include <limits>

#include <ATen/ATen.h>

#include "loss_support.hpp"

namespace eorun::focal {

FocalLoss::FocalLoss(const FocalOptions& options) : options_(options) {}

at::Tensor FocalLoss::compute(const at::Tensor& logits, const at::Tensor& target) {
  return options_.task == Task::multi_label ? multi_label(logits, target)
                                            : single_label(logits, target);
}

at::Tensor FocalLoss::multi_label(const at::Tensor& logits, const at::Tensor& target) const {
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
  if (options_.use_alpha) loss = loss * (options_.alpha * t + (1 - options_.alpha) * (1 - t));
  return loss.mean();
}

at::Tensor FocalLoss::single_label(const at::Tensor& logits, const at::Tensor& target) const {
  losses::check_single_label_batch("focal", logits, target);
  const at::Tensor index = target.to(at::kLong).unsqueeze(1);
  const at::Tensor log_p = at::log_softmax(logits, 1);
  at::Tensor loss = -log_p.gather(1, index).squeeze(1);
  if (options_.gamma > 0) {
    // log(1 - p_t) = log of the sum of the other classes' probabilities.
    const at::Tensor others = log_p.scatter(1, index, -std::numeric_limits<double>::infinity());
    loss = loss * at::exp(options_.gamma * at::logsumexp(others, 1));
  }
  if (options_.use_alpha) loss = loss * options_.alpha;
  return loss.mean();
}

std::unique_ptr<FocalLoss> make_focal_loss(const Params& params, const LossContext& context) {
  FocalOptions options;
  options.task = context.task;
  options.gamma = params.get_real("gamma");
  options.alpha = params.get_real("alpha");
  options.use_alpha = params.get_bool("use_alpha");
  return std::make_unique<FocalLoss>(options);
}

}  // namespace eorun::focal
