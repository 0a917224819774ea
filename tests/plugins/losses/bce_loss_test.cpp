#include "bce_loss.hpp"

#include <gtest/gtest.h>

#include <torch/torch.h>

#include "eorun/error.hpp"

namespace eorun::bce {
namespace {

const at::Tensor kLogits = torch::tensor({0.0f, 2.0f, -1.0f, 3.0f}).reshape({2, 2});
const at::Tensor kTargets = torch::tensor({1.0f, 0.0f, 0.0f, 1.0f}).reshape({2, 2});

// Per element, BCE on a logit x with target t is softplus(x) - t * x, softplus(x) = ln(1 + e^x):
//   x  0, t 1: ln 2             = 0.693147
//   x  2, t 0: ln(1 + e^2)      = 2.126928
//   x -1, t 0: ln(1 + e^-1)     = 0.313262
//   x  3, t 1: ln(1 + e^3) - 3  = 0.048587
//   mean = 3.181924 / 4 = 0.795481
TEST(BceLoss, MatchesAHandComputation) {
  BceLoss loss;
  const at::Tensor value = loss.compute(kLogits, kTargets);
  EXPECT_EQ(value.dim(), 0);
  EXPECT_NEAR(value.item<double>(), 0.7954810577, 1e-6);
}

// Smoothing 0.2 turns targets 1 -> 0.9 and 0 -> 0.1; softplus(x) - t * x per element:
//   ln 2 - 0 = 0.693147;  2.126928 - 0.2 = 1.926928;  0.313262 + 0.1 = 0.413262;
//   3.048587 - 2.7 = 0.348587;  mean = 3.381924 / 4 = 0.845481
TEST(BceLoss, SmoothsLabels) {
  BceLoss loss(0.2);
  EXPECT_NEAR(loss.compute(kLogits, kTargets).item<double>(), 0.8454810577, 1e-6);
}

TEST(BceLoss, AcceptsIntegerTargetsAndBackpropagates) {
  BceLoss loss;
  at::Tensor logits = kLogits.clone().requires_grad_(true);
  at::Tensor value = loss.compute(logits, kTargets.to(torch::kLong));
  value.backward();
  // d/dx mean = (sigmoid(x) - t) / 4; for x = 0, t = 1: -0.125.
  EXPECT_NEAR(logits.grad()[0][0].item<double>(), -0.125, 1e-6);
}

TEST(BceLoss, RejectsMismatchedShapes) {
  BceLoss loss;
  try {
    loss.compute(torch::zeros({2, 3}), torch::zeros({2, 4}));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), "loss bce");
    EXPECT_NE(std::string(e.what()).find("[2, 3]"), std::string::npos) << e.what();
  }
}

TEST(BceLoss, FactoryChecksTaskAndParameters) {
  Params params("bce");
  params.set("label_smoothing", 0.1);
  LossContext context;
  context.num_classes = 4;
  EXPECT_NE(make_bce_loss(params, context), nullptr);
  context.task = Task::single_label;
  EXPECT_THROW(make_bce_loss(params, context), Error);
  ASSERT_EQ(std::size(kParams), 1u);
  EXPECT_STREQ(kParams[0].name, "label_smoothing");
  // [0, 1): the core refuses 1.0 before the factory runs.
  EXPECT_EQ(kParams[0].min_kind, BoundKind::inclusive);
  EXPECT_EQ(kParams[0].min, 0.0);
  EXPECT_EQ(kParams[0].max_kind, BoundKind::exclusive);
  EXPECT_EQ(kParams[0].max, 1.0);
}

}  // namespace
}  // namespace eorun::bce
