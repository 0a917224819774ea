// Softmax cross-entropy on logits for single-label targets, optionally class-weighted and with
// label smoothing: exactly torch.nn.functional.cross_entropy(weight=w, label_smoothing=s),
// reduction "mean". With log p_n = log_softmax(x_n) and C classes:
//
//   l_n  = (1 - s) * w[y_n] * -log p_n[y_n]  +  (s / C) * sum over c of w[c] * -log p_n[c]
//   loss = sum over n of l_n / sum over n of w[y_n]       (a weighted mean; w = 1: the plain mean)
//
// Class weights from the train split (N train samples, n_c of them in class c):
//   none               w_c = 1
//   inverse_frequency  w_c = N / (C * n_c): 1 for every class of a balanced split, and the train
//                      split's weighted class frequencies all equal 1 / C
// A class without train samples (n_c = 0) weighs as if it had one, N / C: the largest weight any
// class can get. It never appears in a train batch, so this changes no gradient; it keeps the
// loss of a validation or test batch made only of such samples finite (a weight of 0 would make it
// 0 / 0 there).
#pragma once

#include <cstdint>
#include <memory>

#include <ATen/core/Tensor.h>

#include "eorun/loss.hpp"
#include "eorun/params.hpp"

namespace eorun::cross_entropy {

// weights (string: none or inverse_frequency; default none) and label_smoothing (real, default 0,
// in [0, 1)). The core checks the values.
inline constexpr ParamSpec kParams[] = {
    {"weights", ParamType::string, "\"none\"", "[\"none\", \"inverse_frequency\"]",
     "class weights from the train split: none, or inverse_frequency N / (C n_c)"},
    ParamSpec{"label_smoothing", ParamType::real, "0.0", nullptr,
              "mix the one-hot target with the uniform distribution: (1 - s) onehot + s / C"}
        .at_least(0)
        .less_than(1),
};

// Inverse-frequency weights from class counts (float64 [C]): N / (C n_c), and N / C where n_c = 0.
at::Tensor inverse_frequency_weights(const at::Tensor& class_counts, std::int64_t train_samples);

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
// no count per class or an empty train split.
std::unique_ptr<CrossEntropyLoss> make_cross_entropy_loss(const Params& params,
                                                          const LossContext& context);

}  // namespace eorun::cross_entropy
