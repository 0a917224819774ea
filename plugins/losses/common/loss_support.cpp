#include "loss_support.hpp"

#include <string>

#include <ATen/ATen.h>

#include "eorun/error.hpp"

namespace eorun::losses {

namespace {

std::string shapes_of(const at::Tensor& logits, const at::Tensor& target) {
  return "logits " + c10::str(logits.sizes()) + " and target " + c10::str(target.sizes());
}

}  // namespace

std::string subject_of(const std::string& loss) { return "loss " + loss; }

void require_task(const std::string& loss, const LossContext& context, Task needed) {
  if (context.task == needed) return;
  if (needed == Task::multi_label)
    throw Error(subject_of(loss), "needs a multi-label dataset, got single-label",
                "use " + std::string(kSingleLabelLosses) + " for single-label data");
  throw Error(subject_of(loss), "needs a single-label dataset, got multi-label",
              "use " + std::string(kMultiLabelLosses) + " for multi-label data");
}

void check_multi_label_batch(const std::string& loss, const at::Tensor& logits,
                             const at::Tensor& target) {
  if (logits.dim() != 2 || logits.sizes() != target.sizes())
    throw Error(subject_of(loss), shapes_of(logits, target) + " do not match",
                loss + " needs logits [N, C] and one 0/1 target per logit (a multi-label dataset)");
}

void check_single_label_batch(const std::string& loss, const at::Tensor& logits,
                              const at::Tensor& target) {
  if (logits.dim() != 2 || target.dim() != 1 || logits.size(0) != target.size(0))
    throw Error(subject_of(loss), shapes_of(logits, target) + " do not match",
                loss + " needs logits [N, C] and one class index per sample (a single-label "
                       "dataset)");
}

at::Tensor class_counts_of(const std::string& loss, const LossContext& context) {
  const auto given = static_cast<std::int64_t>(context.class_counts.size());
  if (given != context.num_classes)
    throw Error(subject_of(loss),
                "the loss context holds " + std::to_string(given) + " class counts for " +
                    std::to_string(context.num_classes) + " classes",
                "eorun fills them from the train split; report this as a bug");
  return at::tensor(context.class_counts, at::kLong).to(at::kDouble);
}

at::Tensor smoothed_binary_targets(const at::Tensor& target, const at::Tensor& logits, double s) {
  at::Tensor t = target.to(logits.scalar_type());
  if (s > 0) t = t * (1.0 - s) + 0.5 * s;
  return t;
}

}  // namespace eorun::losses
