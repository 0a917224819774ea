#include "focal_loss.hpp"

#include <gtest/gtest.h>

#include <torch/torch.h>

#include "loss_test_support.hpp"

namespace eorun::focal {
namespace {

using loss_test::context_of;

Params params_of(double gamma, double alpha, bool use_alpha) {
  Params params("focal");
  params.set("gamma", gamma);
  params.set("alpha", alpha);
  params.set("use_alpha", use_alpha);
  return params;
}

at::Tensor multi_label_value(const Params& params) {
  return make_focal_loss(params, context_of(Task::multi_label))
      ->compute(loss_test::logits(), loss_test::targets());
}

// gamma 2, alpha 0.25. Per element ce * (1 - p_t)^2 * alpha_t, ce = -ln p_t the bce of the logit:
//   x  0, t 1: p_t = 0.5,                     ln 2     * 0.25     * 0.25 = 0.043322
//   x  2, t 0: p_t = 1 - 0.880797 = 0.119203, 2.126928 * 0.775803 * 0.75 = 1.237559
//   x -1, t 0: p_t = 1 - 0.268941 = 0.731059, 0.313262 * 0.072329 * 0.75 = 0.016994
//   x  3, t 1: p_t = 0.952574,                0.048587 * 0.002249 * 0.25 = 0.000027
//   mean = 1.297901 / 4 = 0.324475; without alpha (factors 1):
//   (0.173287 + 1.650078 + 0.022658 + 0.000109) / 4 = 1.846132 / 4 = 0.461533
TEST(FocalLoss, MultiLabelMatchesAHandComputation) {
  const at::Tensor value = multi_label_value(params_of(2.0, 0.25, true));
  EXPECT_EQ(value.dim(), 0);
  EXPECT_NEAR(value.item<double>(), 0.3244752993, 1e-9);
  EXPECT_NEAR(multi_label_value(params_of(2.0, 0.25, false)).item<double>(), 0.4615330788, 1e-9);
}

// gamma 2, softmax: sample 1, logits [0, ln 3], class 1: p_t = 0.75, -ln 0.75 = 0.287682,
// (1 - 0.75)^2 = 0.0625 -> 0.017980; sample 2, logits [0, 0], class 0: p_t = 0.5, ln 2 * 0.25 =
// 0.173287. mean = 0.191267 / 2 = 0.095633; alpha 0.25 scales it to 0.023908.
TEST(FocalLoss, SingleLabelMatchesAHandComputation) {
  const at::Tensor target = torch::tensor({1, 0}, torch::kLong);
  auto plain = make_focal_loss(params_of(2.0, 0.25, false), context_of(Task::single_label));
  EXPECT_NEAR(plain->compute(loss_test::softmax_logits(), target).item<double>(), 0.0956334623,
              1e-9);
  auto weighted = make_focal_loss(params_of(2.0, 0.25, true), context_of(Task::single_label));
  EXPECT_NEAR(weighted->compute(loss_test::softmax_logits(), target).item<double>(),
              0.0239083656, 1e-9);
}

// gamma 0 without alpha is bce and cross-entropy: the same terms, so multi-label agrees to the last
// bit; single-label sums the same terms in another order than torch's nll_loss (within 4 ulps).
TEST(FocalLoss, GammaZeroWithoutAlphaIsBceAndCrossEntropy) {
  torch::manual_seed(7);
  const at::Tensor logits = torch::randn({16, 5}) * 4;
  const at::Tensor multi = torch::randint(0, 2, {16, 5}).to(torch::kFloat);
  const at::Tensor single = torch::randint(0, 5, {16}, torch::kLong);
  const Params params = params_of(0.0, 0.25, false);
  const at::Tensor bce = at::binary_cross_entropy_with_logits(logits, multi);
  EXPECT_EQ(make_focal_loss(params, context_of(Task::multi_label))->compute(logits, multi).item<float>(),
            bce.item<float>());
  const at::Tensor ce = at::cross_entropy_loss(logits, single);
  EXPECT_FLOAT_EQ(
      make_focal_loss(params, context_of(Task::single_label))->compute(logits, single).item<float>(),
      ce.item<float>());
}

TEST(FocalLoss, RefusesShapesOfTheOtherTask) {
  auto multi = make_focal_loss(params_of(2.0, 0.25, true), context_of(Task::multi_label));
  EXPECT_THROW(multi->compute(torch::zeros({2, 3}), torch::zeros({2}, torch::kLong)), Error);
  auto single = make_focal_loss(params_of(2.0, 0.25, true), context_of(Task::single_label));
  EXPECT_THROW(single->compute(torch::zeros({2, 3}), torch::zeros({2, 3})), Error);
}

}  // namespace
}  // namespace eorun::focal
