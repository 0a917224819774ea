// Binary cross-entropy on logits for multi-label targets, mean over every (sample, class) pair.
// With label smoothing s the targets become t * (1 - s) + s / 2 (1 -> 1 - s/2, 0 -> s/2).
#pragma once

#include <memory>
#include <vector>

#include "eorun/loss.hpp"
#include "eorun/params.hpp"

namespace eorun::bce {

// The plugin's parameters: label_smoothing (real, default 0, in [0, 1); the core checks the range).
inline constexpr ParamSpec kParams[] = {
    ParamSpec{"label_smoothing", ParamType::real, "0.0", nullptr,
              "pull 0/1 targets towards 0.5: t * (1 - s) + s / 2"}
        .at_least(0)
        .less_than(1),
};

class BceLoss final : public Loss {
 public:
  explicit BceLoss(double label_smoothing = 0.0);
  // logits [N, C]; target [N, C] of 0/1 (any floating or integer type). Throws eorun::Error when
  // the shapes differ.
  at::Tensor compute(const at::Tensor& logits, const at::Tensor& target) override;

 private:
  double label_smoothing_;
};

// Throws eorun::Error for a single-label task.
std::unique_ptr<BceLoss> make_bce_loss(const Params& params, const LossContext& context);

}  // namespace eorun::bce
