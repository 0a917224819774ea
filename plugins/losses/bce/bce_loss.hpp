// Binary cross-entropy on logits for multi-label targets, mean over every (sample, class) pair.
// With label smoothing s the targets become t * (1 - s) + s / 2 (1 -> 1 - s/2, 0 -> s/2).
#pragma once

#include <memory>
#include <vector>

#include "eorun/loss.hpp"
#include "eorun/params.hpp"

namespace eorun::bce {

// The plugin's parameters: label_smoothing (real, default 0, in [0, 1)).
const std::vector<ParamSpec>& param_specs();

class BceLoss final : public Loss {
 public:
  explicit BceLoss(double label_smoothing = 0.0);
  // logits [N, C]; target [N, C] of 0/1 (any floating or integer type). Throws eorun::Error when
  // the shapes differ.
  at::Tensor compute(const at::Tensor& logits, const at::Tensor& target) override;

 private:
  double label_smoothing_;
};

// Throws eorun::Error for a single-label task or a label_smoothing outside [0, 1).
std::unique_ptr<BceLoss> make_bce_loss(const Params& params, const LossContext& context);

}  // namespace eorun::bce
