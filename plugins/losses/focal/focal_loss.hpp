// Sigmoid focal loss (Lin et al. 2017, "Focal Loss for Dense Object Detection") for multi-label
// targets, on logits, mean over every (sample, class) pair: torchvision.ops.sigmoid_focal_loss
// with reduction "mean". With p = sigmoid(x):
//
//   p_t     = p where t = 1, 1 - p where t = 0
//   alpha_t = alpha where t = 1, 1 - alpha where t = 0      (1 for every term when alpha < 0)
//   loss    = mean over n, c of  -alpha_t * (1 - p_t)^gamma * log p_t
//
// A negative alpha turns the class balance off, as in torchvision (which documents -1); any
// negative value does the same. With gamma = 0 and alpha < 0 the loss is bce exactly.
//
// -log p_t is binary_cross_entropy_with_logits, and (1 - p_t)^gamma is computed as
// exp(gamma * log_sigmoid(-(2t - 1) x)), so the gradient stays finite for any gamma >= 0 and any
// finite logit (torchvision's (1 - p_t) ** gamma gives NaN for a gamma in (0, 1) once p_t rounds
// to 1). The values agree wherever torchvision's gradient is finite.
#pragma once

#include <memory>

#include "eorun/loss.hpp"
#include "eorun/params.hpp"

namespace eorun::focal {

// gamma (real, default 2, >= 0) and alpha (real, default 0.25, <= 1; negative turns it off):
// torchvision's defaults. The core checks the bounds.
inline constexpr ParamSpec kParams[] = {
    ParamSpec{"gamma", ParamType::real, "2.0", nullptr,
              "focusing exponent: (1 - p_t)^gamma scales each term; 0 gives (alpha-weighted) bce"}
        .at_least(0),
    ParamSpec{"alpha", ParamType::real, "0.25", nullptr,
              "weight of positives in [0, 1] (negatives get 1 - alpha); a negative value turns "
              "the weighting off"}
        .at_most(1),
};

struct FocalOptions {
  double gamma = 2.0;
  double alpha = 0.25;  // < 0: no alpha weighting
};

class FocalLoss final : public Loss {
 public:
  explicit FocalLoss(const FocalOptions& options);
  // logits [N, C]; target [N, C] of 0/1 (any floating or integer type). Throws eorun::Error when
  // the shapes differ.
  at::Tensor compute(const at::Tensor& logits, const at::Tensor& target) override;

 private:
  FocalOptions options_;
};

// Throws eorun::Error for a single-label task.
std::unique_ptr<FocalLoss> make_focal_loss(const Params& params, const LossContext& context);

}  // namespace eorun::focal
