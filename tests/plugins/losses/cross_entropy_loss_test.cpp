#include "cross_entropy_loss.hpp"

#include <gtest/gtest.h>

#include <torch/torch.h>

#include "loss_test_support.hpp"

namespace eorun::cross_entropy {
namespace {

using loss_test::context_of;

Params params_of(const std::string& class_weights, double beta = 0.999,
                 double label_smoothing = 0.0) {
  Params params("cross_entropy");
  params.set("class_weights", class_weights);
  params.set("beta", beta);
  params.set("label_smoothing", label_smoothing);
  return params;
}

const at::Tensor kCounts = torch::tensor({6.0, 3.0, 0.0, 1.0}, torch::kDouble);

// N = 10, C = 4: 10 / (4 * 6) = 0.416667, 10 / 12 = 0.833333, no samples: 0, 10 / 4 = 2.5.
TEST(CrossEntropyLoss, InverseWeights) {
  const at::Tensor weight = inverse_weights(kCounts, 10);
  EXPECT_TRUE(weight.allclose(torch::tensor({10.0 / 24, 10.0 / 12, 0.0, 2.5}, torch::kDouble)))
      << weight;
}

// beta 0.5: (1 - 0.5) / (1 - 0.5^n) = 0.5 / 0.984375 = 0.507937, 0.5 / 0.875 = 0.571429, no
// samples: 0, 0.5 / 0.5 = 1; sum 2.079365, scaled by 4 / 2.079365 = 1.923664:
// 0.977099, 1.099237, 0, 1.923664.
TEST(CrossEntropyLoss, EffectiveNumberWeights) {
  const at::Tensor weight = effective_weights(kCounts, 0.5);
  EXPECT_TRUE(weight.allclose(
      torch::tensor({0.9770992366, 1.0992366412, 0.0, 1.9236641221}, torch::kDouble)))
      << weight;
  EXPECT_NEAR(weight.sum().item<double>(), 4.0, 1e-12);
}

// beta 0: (1 - 0) / (1 - 0^n) = 1 for every class with samples, scaled by 4 / 3 to sum to 4; the
// classes with samples weigh alike, so the loss is unweighted among them.
TEST(CrossEntropyLoss, EffectiveWeightsWithBetaZeroAreEqual) {
  const at::Tensor weight = effective_weights(kCounts, 0.0);
  EXPECT_TRUE(weight.allclose(torch::tensor({4.0 / 3, 4.0 / 3, 0.0, 4.0 / 3}, torch::kDouble)))
      << weight;
}

// Logits [0, ln 3] (softmax 0.25, 0.75) with class 1, [0, 0] with class 0. Counts {3, 1} of
// N = 4: inverse weights 4 / (2 * 3) = 2/3 and 4 / 2 = 2, ratio 1 : 3. Weighted mean:
//   (2 * -ln 0.75 + 2/3 * ln 2) / (2 + 2/3) = (3 * 0.287682 + 0.693147) / 4 = 1.556193 / 4
//   = 0.389048
TEST(CrossEntropyLoss, InverseWeightedMeanMatchesAHandComputation) {
  auto loss = make_cross_entropy_loss(params_of("inverse"), context_of(Task::single_label, 4, {3, 1}));
  const at::Tensor value = loss->compute(loss_test::softmax_logits(), torch::tensor({1, 0}));
  EXPECT_EQ(value.dim(), 0);
  EXPECT_NEAR(value.item<double>(), 0.3890483495, 1e-9);
}

// Smoothing 0.2 over 2 classes, unweighted: 0.8 * -ln p[y] + 0.1 * (sum over c of -ln p[c]):
//   sample 1: 0.8 * 0.287682 + 0.1 * (1.386294 + 0.287682) = 0.230146 + 0.167398 = 0.397543
//   sample 2: 0.8 * 0.693147 + 0.1 * (2 * 0.693147)                              = 0.693147
//   mean = 1.090690 / 2 = 0.545345
TEST(CrossEntropyLoss, SmoothsLabels) {
  auto loss = make_cross_entropy_loss(params_of("none", 0.999, 0.2), context_of(Task::single_label));
  EXPECT_NEAR(loss->compute(loss_test::softmax_logits(), torch::tensor({1, 0})).item<double>(),
              0.5453452409, 1e-9);
}

TEST(CrossEntropyLoss, RefusesAMultiLabelDataset) {
  loss_test::expect_refusal(
      [] { make_cross_entropy_loss(params_of("none"), context_of(Task::multi_label)); },
      "loss cross_entropy", loss_test::kNeedsSingleLabel);
}

TEST(CrossEntropyLoss, RefusesMultiLabelTargets) {
  auto loss = make_cross_entropy_loss(params_of("none"), context_of(Task::single_label));
  EXPECT_THROW(loss->compute(loss_test::logits(), loss_test::targets()), Error);
}

}  // namespace
}  // namespace eorun::cross_entropy
