#include "mse_loss.hpp"

#include <gtest/gtest.h>

#include <torch/torch.h>

#include "loss_test_support.hpp"

namespace eorun::mse {
namespace {

using loss_test::context_of;

// (sigmoid(x) - t)^2: (0.5 - 1)^2 = 0.25; 0.880797^2 = 0.775803; 0.268941^2 = 0.072329;
// (0.952574 - 1)^2 = 0.002249; mean = 1.100382 / 4 = 0.275096
TEST(MseLoss, MultiLabelMatchesAHandComputation) {
  auto loss = make_mse_loss(Params("mse"), context_of(Task::multi_label));
  const at::Tensor value = loss->compute(loss_test::logits(), loss_test::targets());
  EXPECT_EQ(value.dim(), 0);
  EXPECT_NEAR(value.item<double>(), 0.2750955485, 1e-9);
}

// softmax [0, ln 3] = [0.25, 0.75] against class 0, one-hot [1, 0]:
// ((0.25 - 1)^2 + 0.75^2) / 2 = 0.5625; softmax [0, 0] = [0.5, 0.5] against class 1:
// (0.25 + 0.25) / 2 = 0.25; mean over 4 terms = (1.125 + 0.5) / 4 = 0.40625
TEST(MseLoss, SingleLabelMatchesAHandComputation) {
  auto loss = make_mse_loss(Params("mse"), context_of(Task::single_label));
  EXPECT_NEAR(loss->compute(loss_test::softmax_logits(), torch::tensor({0, 1})).item<double>(),
              0.40625, 1e-12);
}

TEST(MseLoss, RefusesShapesOfTheOtherTask) {
  auto loss = make_mse_loss(Params("mse"), context_of(Task::single_label));
  EXPECT_THROW(loss->compute(loss_test::logits(), loss_test::targets()), Error);
}

}  // namespace
}  // namespace eorun::mse
