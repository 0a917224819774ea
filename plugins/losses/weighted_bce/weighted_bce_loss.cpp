#include "weighted_bce_loss.hpp"

#include <utility>

#include <ATen/ATen.h>

#include "loss_support.hpp"

namespace eorun::weighted_bce {

at::Tensor positive_weights(const at::Tensor& class_counts, std::int64_t train_samples,
                            double max_weight) {
  const at::Tensor negatives = static_cast<double>(train_samples) - class_counts;
  // n_c = 0 divides by zero (inf, or NaN with no negatives either); both become the cap.
  const at::Tensor ratio = negatives / class_counts;
  return at::where(class_counts > 0, ratio.clamp_max(max_weight),
                   at::full_like(ratio, max_weight));
}

WeightedBceLoss::WeightedBceLoss(at::Tensor positive_weight, double label_smoothing)
    : positive_weight_(std::move(positive_weight)), label_smoothing_(label_smoothing) {}

at::Tensor WeightedBceLoss::compute(const at::Tensor& logits, const at::Tensor& target) {
  losses::check_multi_label_batch("weighted_bce", logits, target);
  const at::Tensor t = losses::smoothed_binary_targets(target, logits, label_smoothing_);
  return at::binary_cross_entropy_with_logits(logits, t, /*weight=*/{},
                                              positive_weight_.to(logits.options()),
                                              at::Reduction::Mean);
}

std::unique_ptr<WeightedBceLoss> make_weighted_bce_loss(const Params& params,
                                                        const LossContext& context) {
  losses::require_task("weighted_bce", context, Task::multi_label);
  const at::Tensor counts = losses::class_counts_of("weighted_bce", context);
  return std::make_unique<WeightedBceLoss>(
      positive_weights(counts, context.train_samples, params.get_real("max_weight")),
      params.get_real("label_smoothing"));
}

}  // namespace eorun::weighted_bce
