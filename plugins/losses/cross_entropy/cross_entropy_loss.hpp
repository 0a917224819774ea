// Softmax cross-entropy on logits for single-label targets, optionally class-weighted and with
// label smoothing: exactly torch.nn.CrossEntropyLoss(weight=w, label_smoothing=s), reduction
// "mean". With log p_n = log_softmax(x_n) and C classes:
//
//   l_n  = (1 - s) * w[y_n] * -log p_n[y_n]  +  (s / C) * sum over c of w[c] * -log p_n[c]
//   loss = sum over n of l_n / sum over n of w[y_n]       (a weighted mean; w = 1: the plain mean)
//
// Class weights from the train split's per-class sample counts n_c (N train samples):
//   none       w_c = 1
//   inverse    w_c = N / (C * n_c)
//   effective  w_c = (1 - beta) / (1 - beta^n_c) (Cui et al. 2019, "Class-Balanced Loss Based on
//              Effective Number of Samples"), scaled so that the weights sum to C
// A class without train samples gets w_c = 0 under inverse and effective: it adds nothing to a
// batch's loss, and a batch made only of such samples (possible in val or test) has loss 0 / 0 =
// NaN, as in torch. Scaling every weight alike leaves the weighted mean unchanged.
#pragma once

#include <memory>
#include <string>

#include <ATen/core/Tensor.h>

#include "eorun/loss.hpp"
#include "eorun/params.hpp"

namespace eorun::cross_entropy {

// class_weights (string: none, inverse, effective; default none), beta (real, default 0.999, in
// [0, 1), effective only) and label_smoothing (real, default 0, in [0, 1)). The core checks the
// values.
inline constexpr ParamSpec kParams[] = {
    {"class_weights", ParamType::string, "\"none\"", "[\"none\", \"inverse\", \"effective\"]",
     "weight per class from the train split: none, inverse (N / (C n_c)), effective (Cui et al.)"},
    ParamSpec{"beta", ParamType::real, "0.999", nullptr,
              "class_weights = effective: w_c proportional to (1 - beta) / (1 - beta^n_c)"}
        .at_least(0)
        .less_than(1),
    ParamSpec{"label_smoothing", ParamType::real, "0.0", nullptr,
              "mix the one-hot target with the uniform distribution: (1 - s) onehot + s / C"}
        .at_least(0)
        .less_than(1),
};

// Weights from class counts (float64 [C]): inverse N / (C n_c), and effective (1 - beta) /
// (1 - beta^n_c) scaled to sum to C. A class with n_c = 0 gets 0.
at::Tensor inverse_weights(const at::Tensor& class_counts, std::int64_t train_samples);
at::Tensor effective_weights(const at::Tensor& class_counts, double beta);

class CrossEntropyLoss final : public Loss {
 public:
  // `class_weight` [C] or an undefined tensor for none.
  CrossEntropyLoss(at::Tensor class_weight, double label_smoothing);
  // logits [N, C]; target [N] of class indices (int64). Throws eorun::Error when the shapes do
  // not fit.
  at::Tensor compute(const at::Tensor& logits, const at::Tensor& target) override;

 private:
  at::Tensor class_weight_;
  double label_smoothing_;
};

// Throws eorun::Error for a multi-label task, or when weights are asked for and the context holds
// no count per class.
std::unique_ptr<CrossEntropyLoss> make_cross_entropy_loss(const Params& params,
                                                          const LossContext& context);

}  // namespace eorun::cross_entropy
