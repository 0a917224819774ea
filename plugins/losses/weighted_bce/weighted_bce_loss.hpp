// Binary cross-entropy on logits for multi-label targets with a positive weight per class from the
// train split's counts, mean over every (sample, class) pair (torch.nn.BCEWithLogitsLoss with
// pos_weight):
//
//   loss = mean over n, c of  -[w_c * t_nc * log sigmoid(x_nc) + (1 - t_nc) * log(1 - sigmoid(x_nc))]
//   w_c  = min((train_samples - n_c) / n_c, max_weight);  w_c = max_weight where n_c = 0
//
// where n_c counts the train samples in which class c is positive (LossContext::class_counts) and
// train_samples - n_c those in which it is negative. A class without positives in the train split
// gets the cap; a class positive in every train sample gets w_c = 0 (it has no negatives to
// balance). With label smoothing s the targets become t * (1 - s) + s / 2, as bce.
#pragma once

#include <memory>

#include <ATen/core/Tensor.h>

#include "eorun/loss.hpp"
#include "eorun/params.hpp"

namespace eorun::weighted_bce {

// max_weight (real, default 10, > 0) and label_smoothing (real, default 0, in [0, 1)); the core
// checks the ranges.
inline constexpr ParamSpec kParams[] = {
    ParamSpec{"max_weight", ParamType::real, "10.0", nullptr,
              "cap on a class's positive weight (train negatives / positives); a class without "
              "positives gets it"}
        .greater_than(0),
    ParamSpec{"label_smoothing", ParamType::real, "0.0", nullptr,
              "pull 0/1 targets towards 0.5: t * (1 - s) + s / 2"}
        .at_least(0)
        .less_than(1),
};

// The positive weight of each class, float64 [C]: min((train_samples - n_c) / n_c, max_weight),
// max_weight where n_c = 0.
at::Tensor positive_weights(const at::Tensor& class_counts, std::int64_t train_samples,
                            double max_weight);

class WeightedBceLoss final : public Loss {
 public:
  WeightedBceLoss(at::Tensor positive_weight, double label_smoothing);
  // logits [N, C]; target [N, C] of 0/1 (any floating or integer type). Throws eorun::Error when
  // the shapes differ.
  at::Tensor compute(const at::Tensor& logits, const at::Tensor& target) override;

 private:
  at::Tensor positive_weight_;  // [C], float64
  double label_smoothing_;
};

// Throws eorun::Error for a single-label task or a context without a count per class.
std::unique_ptr<WeightedBceLoss> make_weighted_bce_loss(const Params& params,
                                                        const LossContext& context);

}  // namespace eorun::weighted_bce
