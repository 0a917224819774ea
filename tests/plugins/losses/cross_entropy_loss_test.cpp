#include "cross_entropy_loss.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include <torch/torch.h>

#include "loss_test_support.hpp"

namespace eorun::cross_entropy {
namespace {

using loss_test::context_of;

Params params_of(const std::string& weights, double label_smoothing = 0.0) {
  Params params("cross_entropy");
  params.set("weights", weights);
  params.set("label_smoothing", label_smoothing);
  return params;
}

// N = 10, C = 4: 10 / (4 * 6) = 0.416667, 10 / 12 = 0.833333, no samples: counted as one,
// 10 / 4 = 2.5, one sample: 2.5.
TEST(CrossEntropyLoss, InverseFrequencyWeights) {
  const at::Tensor weight =
      inverse_frequency_weights(torch::tensor({6.0, 3.0, 0.0, 1.0}, torch::kDouble), 10);
  EXPECT_TRUE(weight.allclose(torch::tensor({10.0 / 24, 10.0 / 12, 2.5, 2.5}, torch::kDouble)))
      << weight;
}

// A balanced split weighs every class 1.
TEST(CrossEntropyLoss, InverseFrequencyWeightsOfABalancedSplitAreOne) {
  const at::Tensor weight =
      inverse_frequency_weights(torch::tensor({5.0, 5.0, 5.0}, torch::kDouble), 15);
  EXPECT_TRUE(weight.allclose(torch::ones({3}, torch::kDouble))) << weight;
}

// Logits [0, ln 3] (softmax 0.25, 0.75) with class 1, [0, 0] with class 0. Counts {3, 1} of
// N = 4: weights 4 / (2 * 3) = 2/3 and 4 / 2 = 2, ratio 1 : 3. Weighted mean:
//   (2 * -ln 0.75 + 2/3 * ln 2) / (2 + 2/3) = (3 * 0.287682 + 0.693147) / 4 = 1.556193 / 4
//   = 0.389048
TEST(CrossEntropyLoss, InverseFrequencyWeightedMeanMatchesAHandComputation) {
  auto loss = make_cross_entropy_loss(params_of("inverse_frequency"),
                                      context_of(Task::single_label, 4, {3, 1}));
  const at::Tensor value = loss->compute(loss_test::softmax_logits(), torch::tensor({1, 0}));
  EXPECT_EQ(value.dim(), 0);
  EXPECT_NEAR(value.item<double>(), 0.3890483495, 1e-9);
}

// Without weights the same batch is the plain mean: (0.287682 + 0.693147) / 2 = 0.490415.
TEST(CrossEntropyLoss, UnweightedIsThePlainMean) {
  auto loss = make_cross_entropy_loss(params_of("none"), context_of(Task::single_label, 4, {3, 1}));
  EXPECT_NEAR(loss->compute(loss_test::softmax_logits(), torch::tensor({1, 0})).item<double>(),
              0.4904146265, 1e-9);
}

// Class 1 has no train sample; a (validation) batch holding only class 1 still has a finite loss:
// its one weight cancels in the weighted mean, -ln 0.75 = 0.287682.
TEST(CrossEntropyLoss, AClassWithoutTrainSamplesKeepsTheLossFinite) {
  auto loss = make_cross_entropy_loss(params_of("inverse_frequency"),
                                      context_of(Task::single_label, 4, {4, 0}));
  const at::Tensor value =
      loss->compute(loss_test::softmax_logits().slice(0, 0, 1), torch::tensor({1}));
  EXPECT_NEAR(value.item<double>(), -std::log(0.75), 1e-12);
}

// Smoothing 0.2 over 2 classes, unweighted: 0.8 * -ln p[y] + 0.1 * (sum over c of -ln p[c]):
//   sample 1: 0.8 * 0.287682 + 0.1 * (1.386294 + 0.287682) = 0.230146 + 0.167398 = 0.397543
//   sample 2: 0.8 * 0.693147 + 0.1 * (2 * 0.693147)                              = 0.693147
//   mean = 1.090690 / 2 = 0.545345
TEST(CrossEntropyLoss, SmoothsLabels) {
  auto loss = make_cross_entropy_loss(params_of("none", 0.2), context_of(Task::single_label));
  EXPECT_NEAR(loss->compute(loss_test::softmax_logits(), torch::tensor({1, 0})).item<double>(),
              0.5453452409, 1e-9);
}

TEST(CrossEntropyLoss, RefusesAMultiLabelDataset) {
  loss_test::expect_refusal(
      [] { make_cross_entropy_loss(params_of("none"), context_of(Task::multi_label)); },
      "loss cross_entropy", loss_test::kNeedsSingleLabel);
}

TEST(CrossEntropyLoss, InverseFrequencyRefusesAnEmptyTrainSplit) {
  loss_test::expect_refusal(
      [] {
        make_cross_entropy_loss(params_of("inverse_frequency"),
                                context_of(Task::single_label, 0, {0, 0}));
      },
      "loss cross_entropy",
      "weights = \"inverse_frequency\" needs train samples, the train split has 0");
}

TEST(CrossEntropyLoss, RefusesMultiLabelTargets) {
  auto loss = make_cross_entropy_loss(params_of("none"), context_of(Task::single_label));
  EXPECT_THROW(loss->compute(loss_test::logits(), loss_test::targets()), Error);
}

}  // namespace
}  // namespace eorun::cross_entropy
