// Focal loss (Lin et al. 2017, "Focal Loss for Dense Object Detection") for both tasks, on logits.
//
// Multi-label, sigmoid focal loss, mean over every (sample, class) pair (as
// torchvision.ops.sigmoid_focal_loss with reduction "mean"):
//   p_t     = sigmoid(x) where t = 1, 1 - sigmoid(x) where t = 0
//   alpha_t = alpha where t = 1, 1 - alpha where t = 0       (1 when use_alpha is false)
//   loss    = mean over n, c of  -alpha_t * (1 - p_t)^gamma * log p_t
// Single-label, softmax focal loss, mean over samples:
//   p_t     = softmax(x_n)[y_n]
//   loss    = mean over n of  -alpha * (1 - p_t)^gamma * log p_t   (alpha = 1 when use_alpha is false)
// so alpha scales every sample alike there. With gamma = 0 and use_alpha = false the loss is bce
// (multi-label) or cross-entropy (single-label) exactly.
//
// (1 - p_t)^gamma is computed as exp(gamma * log(1 - p_t)) with log(1 - p_t) from log-sigmoid /
// log-softmax, so the gradient stays finite for any gamma >= 0 and any finite logit.
#pragma once

#include <memory>

#include "eorun/dataset.hpp"
#include "eorun/loss.hpp"
#include "eorun/params.hpp"

namespace eorun::focal {

// gamma (real, default 2, >= 0), alpha (real, default 0.25, in [0, 1]) and use_alpha (boolean,
// default true): torchvision's defaults. The core checks the ranges.
inline constexpr ParamSpec kParams[] = {
    ParamSpec{"gamma", ParamType::real, "2.0", nullptr,
              "focusing exponent: (1 - p_t)^gamma scales each term; 0 gives plain bce / cross-entropy"}
        .at_least(0),
    ParamSpec{"alpha", ParamType::real, "0.25", nullptr,
              "multi-label: weight of positives (negatives get 1 - alpha); single-label: a uniform "
              "factor"}
        .between(0, 1),
    {"use_alpha", ParamType::boolean, "true", nullptr,
     "apply alpha; false leaves every term unweighted"},
};

struct FocalOptions {
  Task task = Task::multi_label;
  double gamma = 2.0;
  double alpha = 0.25;
  bool use_alpha = true;
};

class FocalLoss final : public Loss {
 public:
  explicit FocalLoss(const FocalOptions& options);
  // Multi-label: logits [N, C], target [N, C] of 0/1 (any floating or integer type). Single-label:
  // logits [N, C], target [N] of int64 class indices. Throws eorun::Error when the shapes do not
  // fit the task.
  at::Tensor compute(const at::Tensor& logits, const at::Tensor& target) override;

 private:
  at::Tensor multi_label(const at::Tensor& logits, const at::Tensor& target) const;
  at::Tensor single_label(const at::Tensor& logits, const at::Tensor& target) const;

  FocalOptions options_;
};

// Either task; never throws for a sound context.
std::unique_ptr<FocalLoss> make_focal_loss(const Params& params, const LossContext& context);

}  // namespace eorun::focal
