#include "weighted_bce_loss.hpp"

#include <gtest/gtest.h>

#include <torch/torch.h>

#include "loss_test_support.hpp"

namespace eorun::weighted_bce {
namespace {

using loss_test::context_of;

Params params_of(double max_weight, double label_smoothing = 0.0) {
  Params params("weighted_bce");
  params.set("max_weight", max_weight);
  params.set("label_smoothing", label_smoothing);
  return params;
}

// 10 train samples, max_weight 5: (10 - 2) / 2 = 4; no positives: the cap; positive everywhere:
// 0 / 10 = 0; one positive: 9, capped at 5.
TEST(WeightedBceLoss, PositiveWeightsFromCounts) {
  const at::Tensor weight = positive_weights(torch::tensor({2.0, 0.0, 10.0, 1.0}, torch::kDouble),
                                             10, 5.0);
  EXPECT_TRUE(weight.allclose(torch::tensor({4.0, 5.0, 0.0, 5.0}, torch::kDouble)))
      << weight;
}

// 10 train samples with counts {2, 0}, max_weight 5: w = {8 / 2 = 4, no positives: 5}. Per element,
// w * t * softplus(-x) + (1 - t) * softplus(x), softplus(x) = ln(1 + e^x):
//   x  0, t 1, w 4: 4 * ln 2          = 2.772589
//   x  2, t 0:      ln(1 + e^2)       = 2.126928
//   x -1, t 0:      ln(1 + e^-1)      = 0.313262
//   x  3, t 1, w 5: 5 * ln(1 + e^-3)  = 5 * 0.048587 = 0.242935
//   mean = 5.455714 / 4 = 1.363929
TEST(WeightedBceLoss, MatchesAHandComputation) {
  auto loss = make_weighted_bce_loss(params_of(5.0), context_of(Task::multi_label, 10, {2, 0}));
  const at::Tensor value = loss->compute(loss_test::logits(), loss_test::targets());
  EXPECT_EQ(value.dim(), 0);
  EXPECT_NEAR(value.item<double>(), 1.3639287947, 1e-9);
}

// Smoothing 0.2: targets 1 -> 0.9 and 0 -> 0.1, so every element holds both terms,
// w * t * softplus(-x) + (1 - t) * softplus(x):
//   x  0, w 4: 4 * 0.9 * ln 2 + 0.1 * ln 2              = 3.7 * 0.693147 = 2.564645
//   x  2, w 5: 5 * 0.1 * 0.126928 + 0.9 * 2.126928                       = 1.977699
//   x -1, w 4: 4 * 0.1 * 1.313262 + 0.9 * 0.313262                       = 0.807241
//   x  3, w 5: 5 * 0.9 * 0.048587 + 0.1 * 3.048587                       = 0.523501
//   mean = 5.873086 / 4 = 1.468272
TEST(WeightedBceLoss, SmoothsLabels) {
  auto loss = make_weighted_bce_loss(params_of(5.0, 0.2), context_of(Task::multi_label, 10, {2, 0}));
  EXPECT_NEAR(loss->compute(loss_test::logits(), loss_test::targets()).item<double>(), 1.4682714486,
              1e-9);
}

TEST(WeightedBceLoss, RefusesASingleLabelDataset) {
  loss_test::expect_refusal(
      [] { make_weighted_bce_loss(params_of(10.0), context_of(Task::single_label, 10, {4, 6})); },
      "loss weighted_bce", loss_test::kNeedsMultiLabel);
}

TEST(WeightedBceLoss, RefusesAContextWithoutCounts) {
  LossContext context = context_of(Task::multi_label, 10, {4, 6});
  context.class_counts.pop_back();
  loss_test::expect_refusal([&] { make_weighted_bce_loss(params_of(10.0), context); },
                            "loss weighted_bce",
                            "the loss context holds 1 class counts for 2 classes");
}

TEST(WeightedBceLoss, RefusesMismatchedShapes) {
  auto loss = make_weighted_bce_loss(params_of(10.0), context_of(Task::multi_label, 10, {4, 6}));
  EXPECT_THROW(loss->compute(torch::zeros({2, 2}), torch::zeros({2})), Error);
}

}  // namespace
}  // namespace eorun::weighted_bce
