#include "mse_loss.hpp"

#include <ATen/ATen.h>

#include "loss_support.hpp"

namespace eorun::mse {

MseLoss::MseLoss(Task task) : task_(task) {}

at::Tensor MseLoss::compute(const at::Tensor& logits, const at::Tensor& target) {
  if (task_ == Task::multi_label) {
    losses::check_multi_label_batch("mse", logits, target);
    return at::mse_loss(at::sigmoid(logits), target.to(logits.scalar_type()),
                        at::Reduction::Mean);
  }
  losses::check_single_label_batch("mse", logits, target);
  const at::Tensor one_hot = at::one_hot(target.to(at::kLong), logits.size(1));
  return at::mse_loss(at::softmax(logits, 1), one_hot.to(logits.scalar_type()),
                      at::Reduction::Mean);
}

std::unique_ptr<MseLoss> make_mse_loss(const Params& /*params*/, const LossContext& context) {
  return std::make_unique<MseLoss>(context.task);
}

}  // namespace eorun::mse
