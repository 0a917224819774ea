#include "focal_loss.hpp"

#include <gtest/gtest.h>

#include <torch/torch.h>

#include "loss_test_support.hpp"

namespace eorun::focal {
namespace {

using loss_test::context_of;

Params params_of(double gamma, double alpha) {
  Params params("focal");
  params.set("gamma", gamma);
  params.set("alpha", alpha);
  return params;
}

at::Tensor value_of(const Params& params) {
  return make_focal_loss(params, context_of(Task::multi_label))
      ->compute(loss_test::logits(), loss_test::targets());
}

// gamma 2, alpha 0.25. Per element ce * (1 - p_t)^2 * alpha_t, ce = -ln p_t the bce of the logit:
//   x  0, t 1: p_t = 0.5,                     ln 2     * 0.25     * 0.25 = 0.043322
//   x  2, t 0: p_t = 1 - 0.880797 = 0.119203, 2.126928 * 0.775803 * 0.75 = 1.237559
//   x -1, t 0: p_t = 1 - 0.268941 = 0.731059, 0.313262 * 0.072329 * 0.75 = 0.016994
//   x  3, t 1: p_t = 0.952574,                0.048587 * 0.002249 * 0.25 = 0.000027
//   mean = 1.297901 / 4 = 0.324475
TEST(FocalLoss, MatchesAHandComputation) {
  const at::Tensor value = value_of(params_of(2.0, 0.25));
  EXPECT_EQ(value.dim(), 0);
  EXPECT_NEAR(value.item<double>(), 0.3244752993, 1e-9);
}

// A negative alpha drops alpha_t (every factor 1), as torchvision's alpha = -1:
//   (0.173287 + 1.650078 + 0.022658 + 0.000109) / 4 = 1.846132 / 4 = 0.461533
// Any negative value does the same.
TEST(FocalLoss, NegativeAlphaTurnsTheWeightingOff) {
  EXPECT_NEAR(value_of(params_of(2.0, -1.0)).item<double>(), 0.4615330788, 1e-9);
  EXPECT_EQ(value_of(params_of(2.0, -0.01)).item<double>(),
            value_of(params_of(2.0, -1.0)).item<double>());
}

// alpha 1 keeps positives only: (0.173287 + 0.000109) / 4 = 0.043349; alpha 0 keeps negatives:
// (1.650078 + 0.022658) / 4 = 0.418184.
TEST(FocalLoss, AlphaAtItsBoundsKeepsOneSide) {
  EXPECT_NEAR(value_of(params_of(2.0, 1.0)).item<double>(), 0.0433490, 1e-6);
  EXPECT_NEAR(value_of(params_of(2.0, 0.0)).item<double>(), 0.4181840, 1e-6);
}

// gamma 0 without alpha is bce: the same terms, so it agrees to the last bit.
TEST(FocalLoss, GammaZeroWithoutAlphaIsBce) {
  torch::manual_seed(7);
  const at::Tensor logits = torch::randn({16, 5}) * 4;
  const at::Tensor target = torch::randint(0, 2, {16, 5}).to(torch::kFloat);
  const at::Tensor bce = at::binary_cross_entropy_with_logits(logits, target);
  EXPECT_EQ(make_focal_loss(params_of(0.0, -1.0), context_of(Task::multi_label))
                ->compute(logits, target)
                .item<float>(),
            bce.item<float>());
}

TEST(FocalLoss, RefusesASingleLabelDataset) {
  loss_test::expect_refusal(
      [] { make_focal_loss(params_of(2.0, 0.25), context_of(Task::single_label)); },
      "loss focal", loss_test::kNeedsMultiLabel);
}

TEST(FocalLoss, RefusesSingleLabelTargets) {
  auto loss = make_focal_loss(params_of(2.0, 0.25), context_of(Task::multi_label));
  EXPECT_THROW(loss->compute(torch::zeros({2, 3}), torch::zeros({2}, torch::kLong)), Error);
}

}  // namespace
}  // namespace eorun::focal
