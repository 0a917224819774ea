#include "cross_entropy_loss.hpp"

#include <string>
#include <utility>

#include <ATen/ATen.h>

#include "eorun/error.hpp"
#include "loss_support.hpp"

namespace eorun::cross_entropy {

namespace {

// torch's default: no target index is ignored (class indices are never negative).
constexpr std::int64_t kIgnoreNone = -100;

}  // namespace

at::Tensor inverse_frequency_weights(const at::Tensor& class_counts, std::int64_t train_samples) {
  // A class without train samples counts as one: N / C instead of N / 0.
  const at::Tensor counts = class_counts.clamp_min(1);
  return static_cast<double>(train_samples) / (static_cast<double>(counts.numel()) * counts);
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
  at::Tensor weight;
  if (params.get_string("weights") == "inverse_frequency") {
    const at::Tensor counts = losses::class_counts_of("cross_entropy", context);
    if (context.train_samples <= 0)
      throw Error(losses::subject_of("cross_entropy"),
                  "weights = \"inverse_frequency\" needs train samples, the train split has " +
                      std::to_string(context.train_samples),
                  "use weights = \"none\", or a dataset whose train split is not empty");
    weight = inverse_frequency_weights(counts, context.train_samples);
  }
  return std::make_unique<CrossEntropyLoss>(weight, params.get_real("label_smoothing"));
}

}  // namespace eorun::cross_entropy
