#include "bce_loss.hpp"

#include <string>

#include <ATen/ATen.h>

#include "eorun/error.hpp"

namespace eorun::bce {

BceLoss::BceLoss(double label_smoothing) : label_smoothing_(label_smoothing) {}

at::Tensor BceLoss::compute(const at::Tensor& logits, const at::Tensor& target) {
  if (logits.sizes() != target.sizes())
    throw Error("loss bce",
                "logits " + c10::str(logits.sizes()) + " and target " + c10::str(target.sizes()) +
                    " differ in shape",
                "bce needs one 0/1 target per logit (a multi-label dataset)");
  at::Tensor t = target.to(logits.scalar_type());
  if (label_smoothing_ > 0) t = t * (1.0 - label_smoothing_) + 0.5 * label_smoothing_;
  return at::binary_cross_entropy_with_logits(logits, t, /*weight=*/{}, /*pos_weight=*/{},
                                              at::Reduction::Mean);
}

std::unique_ptr<BceLoss> make_bce_loss(const Params& params, const LossContext& context) {
  if (context.task != Task::multi_label)
    throw Error("loss bce", "needs a multi-label dataset, this one is single-label",
                "use a loss for single-label tasks such as cross_entropy");
  return std::make_unique<BceLoss>(params.get_real("label_smoothing"));
}

}  // namespace eorun::bce
