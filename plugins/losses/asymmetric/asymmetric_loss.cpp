#include "asymmetric_loss.hpp"

#include <ATen/ATen.h>

#include "loss_support.hpp"

namespace eorun::asymmetric {

namespace {

// base^gamma with the base clamped below at eps, so the gradient is finite for any gamma >= 0.
at::Tensor focusing(const at::Tensor& base, double gamma) {
  if (gamma == 0) return at::ones_like(base);
  return at::pow(base.clamp_min(kEpsilon), gamma);
}

}  // namespace

AsymmetricLoss::AsymmetricLoss(const AsymmetricOptions& options) : options_(options) {}

at::Tensor AsymmetricLoss::compute(const at::Tensor& logits, const at::Tensor& target) {
  losses::check_multi_label_batch("asymmetric", logits, target);
  const at::Tensor t = target.to(logits.scalar_type());
  const at::Tensor p = at::sigmoid(logits);
  const at::Tensor one_minus_p = at::sigmoid(-logits);  // 1 - p without cancellation
  const at::Tensor positive =
      focusing(one_minus_p, options_.gamma_pos) * at::log(p.clamp_min(kEpsilon));
  // Shifted probability of a negative and 1 minus it; without a clip, p and 1 - p themselves.
  const at::Tensor p_m = options_.clip > 0 ? (p - options_.clip).clamp_min(0) : p;
  const at::Tensor one_minus_p_m =
      options_.clip > 0 ? (one_minus_p + options_.clip).clamp_max(1) : one_minus_p;
  const at::Tensor negative =
      focusing(p_m, options_.gamma_neg) * at::log(one_minus_p_m.clamp_min(kEpsilon));
  return -(t * positive + (1 - t) * negative).mean();
}

std::unique_ptr<AsymmetricLoss> make_asymmetric_loss(const Params& params,
                                                     const LossContext& context) {
  losses::require_task("asymmetric", context, Task::multi_label);
  AsymmetricOptions options;
  options.gamma_pos = params.get_real("gamma_pos");
  options.gamma_neg = params.get_real("gamma_neg");
  options.clip = params.get_real("clip");
  return std::make_unique<AsymmetricLoss>(options);
}

}  // namespace eorun::asymmetric
