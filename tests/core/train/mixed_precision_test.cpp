// train.amp: the modes, and fp16's dynamic loss scaling (skip and halve on overflow, grow after a
// run of good steps), which works on any device and so is tested on the CPU.
#include "train/mixed_precision.hpp"

#include <cmath>
#include <limits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <torch/torch.h>

#include "eorun/error.hpp"

namespace eorun {
namespace {

at::Tensor parameter_with_grad(std::vector<float> grad) {
  at::Tensor parameter = torch::zeros({static_cast<std::int64_t>(grad.size())}).requires_grad_(true);
  parameter.mutable_grad() = torch::tensor(grad);
  return parameter;
}

TEST(AmpMode, ParsesTheThreeModes) {
  EXPECT_EQ(amp_mode("none"), AmpMode::none);
  EXPECT_EQ(amp_mode("bf16"), AmpMode::bf16);
  EXPECT_EQ(amp_mode("fp16"), AmpMode::fp16);
  EXPECT_THROW(amp_mode("fp8"), Error);
}

TEST(AutocastScope, NoneChangesNothing) {
  AutocastScope scope(AmpMode::none);
  const at::Tensor a = torch::ones({2, 2});
  EXPECT_EQ(torch::mm(a, a).scalar_type(), at::kFloat);
}

TEST(LossScaler, DisabledIsTheIdentity) {
  LossScaler scaler(false);
  const at::Tensor loss = torch::tensor(0.25);
  EXPECT_TRUE(scaler.scaled(loss).equal(loss));
  const at::Tensor p = parameter_with_grad({4.0f, std::numeric_limits<float>::infinity()});
  EXPECT_TRUE(scaler.unscale({p})) << "without scaling the optimizer always steps";
  EXPECT_FLOAT_EQ(p.grad()[0].item<float>(), 4.0f);
}

TEST(LossScaler, ScalesTheLossAndUnscalesTheGradients) {
  LossScaler scaler(true, 1024.0, 2000);
  EXPECT_FLOAT_EQ(scaler.scaled(torch::tensor(0.5)).item<float>(), 512.0f);
  const at::Tensor p = parameter_with_grad({2048.0f, -512.0f});
  EXPECT_TRUE(scaler.unscale({p}));
  EXPECT_FLOAT_EQ(p.grad()[0].item<float>(), 2.0f);
  EXPECT_FLOAT_EQ(p.grad()[1].item<float>(), -0.5f);
  EXPECT_EQ(scaler.scale(), 1024.0);
}

TEST(LossScaler, AnOverflowSkipsTheStepAndHalvesTheScale) {
  LossScaler scaler(true, 1024.0, 2000);
  const at::Tensor fine = parameter_with_grad({1.0f});
  const at::Tensor overflowed = parameter_with_grad({std::numeric_limits<float>::infinity()});
  EXPECT_FALSE(scaler.unscale({fine, overflowed}));
  EXPECT_EQ(scaler.scale(), 512.0);
  EXPECT_EQ(scaler.skipped_steps(), 1);
  const at::Tensor nan = parameter_with_grad({std::nanf("")});
  EXPECT_FALSE(scaler.unscale({nan}));
  EXPECT_EQ(scaler.scale(), 256.0);
}

TEST(LossScaler, TheScaleGrowsAfterTheIntervalWithoutAnOverflow) {
  LossScaler scaler(true, 8.0, 3);
  for (int step = 1; step <= 2; ++step) EXPECT_TRUE(scaler.unscale({parameter_with_grad({1.0f})}));
  EXPECT_EQ(scaler.scale(), 8.0);
  EXPECT_TRUE(scaler.unscale({parameter_with_grad({1.0f})}));
  EXPECT_EQ(scaler.scale(), 16.0) << "three good steps in a row double it";
  // An overflow restarts the count.
  EXPECT_TRUE(scaler.unscale({parameter_with_grad({1.0f})}));
  EXPECT_FALSE(scaler.unscale({parameter_with_grad({std::numeric_limits<float>::infinity()})}));
  EXPECT_EQ(scaler.scale(), 8.0);
  EXPECT_TRUE(scaler.unscale({parameter_with_grad({1.0f})}));
  EXPECT_TRUE(scaler.unscale({parameter_with_grad({1.0f})}));
  EXPECT_EQ(scaler.scale(), 8.0);
}

TEST(LossScaler, ParametersWithoutAGradientAreLeftAlone) {
  LossScaler scaler(true, 4.0, 2000);
  const at::Tensor frozen = torch::zeros({3});
  EXPECT_TRUE(scaler.unscale({frozen, parameter_with_grad({8.0f})}));
}

}  // namespace
}  // namespace eorun
