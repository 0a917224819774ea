#include "asymmetric_loss.hpp"

#include <gtest/gtest.h>

#include <torch/torch.h>

#include "loss_test_support.hpp"

namespace eorun::asymmetric {
namespace {

using loss_test::context_of;

Params params_of(double gamma_pos, double gamma_neg, double clip) {
  Params params("asymmetric");
  params.set("gamma_pos", gamma_pos);
  params.set("gamma_neg", gamma_neg);
  params.set("clip", clip);
  return params;
}

// gamma_pos 1, gamma_neg 2, clip 0.1; p = sigmoid(x), p_m = max(p - 0.1, 0):
//   x  0, t 1: p = 0.5:       (1 - p)^1 * ln p = 0.5 * -0.693147                 = -0.346574
//   x  2, t 0: p = 0.880797:  p_m^2 * ln(1 - p_m) = 0.780797^2 * ln 0.219203
//                                                 = 0.609644 * -1.517757         = -0.925292
//   x -1, t 0: p = 0.268941:  0.168941^2 * ln 0.831059 = 0.028541 * -0.185055    = -0.005282
//   x  3, t 1: p = 0.952574:  0.047426 * ln 0.952574   = 0.047426 * -0.048587    = -0.002304
//   loss = -(sum) / 4 = 1.279452 / 4 = 0.319863 (the reference's sum is 1.279452)
TEST(AsymmetricLoss, MatchesAHandComputation) {
  auto loss = make_asymmetric_loss(params_of(1.0, 2.0, 0.1), context_of(Task::multi_label));
  const at::Tensor value = loss->compute(loss_test::logits(), loss_test::targets());
  EXPECT_EQ(value.dim(), 0);
  EXPECT_NEAR(value.item<double>(), 0.3198628464, 1e-9);
}

// Defaults (gamma_pos 0, gamma_neg 4, clip 0.05): a negative with p = sigmoid(-5) = 0.006693 below
// the clip adds nothing (p_m = 0, ln 1 = 0); the positive x = 1 adds -ln sigmoid(1) = 0.313262.
// mean = 0.313262 / 2 = 0.156631
TEST(AsymmetricLoss, NegativesBelowTheClipAddNothing) {
  auto loss = make_asymmetric_loss(params_of(0.0, 4.0, 0.05), context_of(Task::multi_label));
  const at::Tensor value = loss->compute(torch::tensor({{-5.0, 1.0}}, torch::kDouble),
                                         torch::tensor({{0.0, 1.0}}, torch::kDouble));
  EXPECT_NEAR(value.item<double>(), 0.1566309, 1e-7);
}

// Without focusing and clip, the loss is bce wherever the logs need no clamp (|x| < 18).
TEST(AsymmetricLoss, WithoutFocusingOrClipIsBce) {
  auto loss = make_asymmetric_loss(params_of(0.0, 0.0, 0.0), context_of(Task::multi_label));
  const at::Tensor bce = at::binary_cross_entropy_with_logits(loss_test::logits(), loss_test::targets());
  EXPECT_NEAR(loss->compute(loss_test::logits(), loss_test::targets()).item<double>(),
              bce.item<double>(), 1e-12);
}

TEST(AsymmetricLoss, RefusesASingleLabelDataset) {
  loss_test::expect_refusal(
      [] { make_asymmetric_loss(params_of(0.0, 4.0, 0.05), context_of(Task::single_label)); },
      "loss asymmetric", loss_test::kNeedsMultiLabel);
}

}  // namespace
}  // namespace eorun::asymmetric
