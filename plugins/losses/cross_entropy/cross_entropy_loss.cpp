#include "cross_entropy_loss.hpp"

#include <utility>

#include <ATen/ATen.h>

#include "loss_support.hpp"

namespace eorun::cross_entropy {

namespace {

// torch's default: no target index is ignored (class indices are never negative).
constexpr std::int64_t kIgnoreNone = -100;

}  // namespace

at::Tensor inverse_weights(const at::Tensor& class_counts, std::int64_t train_samples) {
  const double num_classes = static_cast<double>(class_counts.numel());
  const at::Tensor weight = static_cast<double>(train_samples) / (num_classes * class_counts);
  return at::where(class_counts > 0, weight, at::zeros_like(weight));
}

at::Tensor effective_weights(const at::Tensor& class_counts, double beta) {
  // 1 - beta^n_c is 0 for n_c = 0: such a class gets 0 instead of (1 - beta) / 0.
  const at::Tensor effective_number = 1 - at::pow(beta, class_counts);
  const at::Tensor raw = at::where(class_counts > 0, (1 - beta) / effective_number,
                                   at::zeros_like(effective_number));
  const at::Tensor total = raw.sum();
  return total.item<double>() > 0 ? raw * (static_cast<double>(class_counts.numel()) / total) : raw;
}

CrossEntropyLoss::CrossEntropyLoss(at::Tensor class_weight, double label_smoothing)
    : class_weight_(std::move(class_weight)), label_smoothing_(label_smoothing) {}

at::Tensor CrossEntropyLoss::compute(const at::Tensor& logits, const at::Tensor& target) {
  losses::check_single_label_batch("cross_entropy", logits, target);
  c10::optional<at::Tensor> weight;
  if (class_weight_.defined()) weight = class_weight_.to(logits.options());
  return at::cross_entropy_loss(logits, target.to(at::kLong), weight, at::Reduction::Mean,
                                kIgnoreNone, label_smoothing_);
}

std::unique_ptr<CrossEntropyLoss> make_cross_entropy_loss(const Params& params,
                                                          const LossContext& context) {
  losses::require_task("cross_entropy", context, Task::single_label);
  const std::string& scheme = params.get_string("class_weights");
  at::Tensor weight;
  if (scheme == "inverse")
    weight = inverse_weights(losses::class_counts_of("cross_entropy", context),
                             context.train_samples);
  else if (scheme == "effective")
    weight = effective_weights(losses::class_counts_of("cross_entropy", context),
                               params.get_real("beta"));
  return std::make_unique<CrossEntropyLoss>(weight, params.get_real("label_smoothing"));
}

}  // namespace eorun::cross_entropy
