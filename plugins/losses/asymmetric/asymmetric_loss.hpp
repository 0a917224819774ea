// Asymmetric loss (Ridnik et al. 2021, "Asymmetric Loss For Multi-Label Classification", ASL) for
// multi-label targets, on logits. With p = sigmoid(x):
//
//   positives (t = 1):  L+ = (1 - p)^gamma_pos * log(max(p, eps))
//   negatives (t = 0):  p_m = max(p - clip, 0)             (probability shifting)
//                       L- = p_m^gamma_neg * log(max(1 - p_m, eps))
//   loss = mean over n, c of  -(t * L+ + (1 - t) * L-)
//
// eps = 1e-8. The reference implementation returns the sum; eorun's losses are means over every
// (sample, class) pair, as bce, so this is the reference's value divided by N * C. The focusing
// factors take their base clamped below at eps too, which changes the value by less than
// eps^gamma * |log| and keeps the gradient finite for any gamma >= 0 (the reference's is NaN for a
// gamma in (0, 1) on a saturated logit).
#pragma once

#include <memory>

#include "eorun/loss.hpp"
#include "eorun/params.hpp"

namespace eorun::asymmetric {

// gamma_pos (real, default 0, >= 0), gamma_neg (real, default 4, >= 0), clip (real, default 0.05,
// in [0, 1)): the paper's defaults. The core checks the ranges.
inline constexpr ParamSpec kParams[] = {
    ParamSpec{"gamma_pos", ParamType::real, "0.0", nullptr,
              "focusing exponent of positives: (1 - p)^gamma_pos"}
        .at_least(0),
    ParamSpec{"gamma_neg", ParamType::real, "4.0", nullptr,
              "focusing exponent of negatives: p_m^gamma_neg"}
        .at_least(0),
    ParamSpec{"clip", ParamType::real, "0.05", nullptr,
              "probability margin of negatives: p_m = max(p - clip, 0); 0 turns it off"}
        .at_least(0)
        .less_than(1),
};

// Smallest argument of a logarithm and of a focusing factor's base.
inline constexpr double kEpsilon = 1e-8;

struct AsymmetricOptions {
  double gamma_pos = 0.0;
  double gamma_neg = 4.0;
  double clip = 0.05;
};

class AsymmetricLoss final : public Loss {
 public:
  explicit AsymmetricLoss(const AsymmetricOptions& options);
  // logits [N, C]; target [N, C] of 0/1 (any floating or integer type). Throws eorun::Error when
  // the shapes differ.
  at::Tensor compute(const at::Tensor& logits, const at::Tensor& target) override;

 private:
  AsymmetricOptions options_;
};

// Throws eorun::Error for a single-label task.
std::unique_ptr<AsymmetricLoss> make_asymmetric_loss(const Params& params,
                                                     const LossContext& context);

}  // namespace eorun::asymmetric
