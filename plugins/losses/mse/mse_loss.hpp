// Mean squared error between predicted probabilities and targets, mean over every (sample, class)
// pair (torch.nn.functional.mse_loss, reduction "mean"). It accepts both tasks:
//
//   multi-label:   loss = mean over n, c of (sigmoid(x_nc) - t_nc)^2          (t 0/1, [N, C])
//   single-label:  loss = mean over n, c of (softmax(x_n)[c] - onehot(y_n)[c])^2   (y [N] int64)
//
// On probabilities, not on raw logits: a 0/1 target on a logit would pull every logit to 0 or 1
// rather than to a confident score, and the probabilities are what the metrics read. Each term is
// at most 1 (the single-label form is the Brier score divided by C), so the loss tolerates label
// noise but learns slowly from confidently wrong predictions, whose gradient vanishes.
#pragma once

#include <memory>

#include "eorun/dataset.hpp"
#include "eorun/loss.hpp"
#include "eorun/params.hpp"

namespace eorun::mse {

class MseLoss final : public Loss {
 public:
  explicit MseLoss(Task task);
  // Multi-label: logits [N, C], target [N, C] of 0/1 (any floating or integer type). Single-label:
  // logits [N, C], target [N] of int64 class indices. Throws eorun::Error when the shapes do not
  // fit the task.
  at::Tensor compute(const at::Tensor& logits, const at::Tensor& target) override;

 private:
  Task task_;
};

// Either task; the plugin declares no parameters.
std::unique_ptr<MseLoss> make_mse_loss(const Params& params, const LossContext& context);

}  // namespace eorun::mse
