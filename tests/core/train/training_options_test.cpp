// The [train] options around the epoch loop: optimizers and their parameter groups, learning
// rate schedules, early stopping, gradient clipping and augmentation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include <torch/torch.h>

#include "core/train/trainer_fixture.hpp"
#include "data/augmentation.hpp"
#include "data/batch_loader.hpp"
#include "eorun/error.hpp"
#include "train/lr_schedule.hpp"
#include "train/optimizer_factory.hpp"

namespace eorun {
namespace {

using test::TrainerTest;

TrainSettings settings_with(const std::string& scheduler) {
  TrainSettings s;
  s.lr = 0.1;
  s.epochs = 10;
  s.scheduler = scheduler;
  return s;
}

TEST(LrSchedule, StepDecaysEveryStepSizeEpochs) {
  TrainSettings s = settings_with("step");
  s.step_size = 3;
  s.gamma = 0.5;
  const LrSchedule schedule(s);
  EXPECT_DOUBLE_EQ(schedule.lr_for(1), 0.1);
  EXPECT_DOUBLE_EQ(schedule.lr_for(3), 0.1);
  EXPECT_DOUBLE_EQ(schedule.lr_for(4), 0.05);   // floor(3 / 3) = 1 decay
  EXPECT_DOUBLE_EQ(schedule.lr_for(7), 0.025);  // floor(6 / 3) = 2 decays
}

TEST(LrSchedule, CosineWarmsUpLinearlyThenDecaysToMinLr) {
  TrainSettings s = settings_with("cosine");
  s.warmup_epochs = 2;
  s.min_lr = 0.01;
  const LrSchedule schedule(s);
  EXPECT_DOUBLE_EQ(schedule.lr_for(1), 0.1 / 3);  // lr * 1 / (W + 1)
  EXPECT_DOUBLE_EQ(schedule.lr_for(2), 0.2 / 3);
  EXPECT_DOUBLE_EQ(schedule.lr_for(3), 0.1);      // t = 0: the full rate
  // t = 4 of E - W = 8: min + (lr - min) (1 + cos(pi / 2)) / 2 = 0.01 + 0.09 / 2.
  EXPECT_NEAR(schedule.lr_for(7), 0.055, 1e-12);
  EXPECT_GT(schedule.lr_for(10), 0.01);
  EXPECT_LT(schedule.lr_for(10), schedule.lr_for(9));
}

TEST(LrSchedule, PlateauDecaysAfterMoreThanPatienceEpochsWithoutImprovement) {
  TrainSettings s = settings_with("plateau");
  s.plateau_patience = 1;
  s.plateau_factor = 0.5;
  LrSchedule schedule(s);
  schedule.observe(true);
  schedule.observe(false);  // 1 bad epoch: not more than the patience
  EXPECT_DOUBLE_EQ(schedule.lr_for(3), 0.1);
  schedule.observe(false);  // 2 bad epochs: decay, and count again
  EXPECT_DOUBLE_EQ(schedule.lr_for(4), 0.05);
  schedule.observe(false);
  EXPECT_DOUBLE_EQ(schedule.lr_for(5), 0.05);
  schedule.observe(true);
  schedule.observe(false);
  EXPECT_DOUBLE_EQ(schedule.lr_for(7), 0.05);
}

TEST(LrSchedule, NoneKeepsTheRate) {
  const LrSchedule schedule(settings_with("none"));
  EXPECT_DOUBLE_EQ(schedule.lr_for(1), 0.1);
  EXPECT_DOUBLE_EQ(schedule.lr_for(10), 0.1);
}

TEST(EarlyStoppingRule, StopsAfterPatienceEpochsWithoutImprovement) {
  EarlyStopping off(0);
  for (int i = 0; i < 10; ++i) EXPECT_FALSE(off.stop_after(false));
  EarlyStopping two(2);
  EXPECT_FALSE(two.stop_after(true));
  EXPECT_FALSE(two.stop_after(false));
  EXPECT_FALSE(two.stop_after(true)) << "an improvement starts the count again";
  EXPECT_FALSE(two.stop_after(false));
  EXPECT_TRUE(two.stop_after(false));
}

TEST(OptimizerFactory, MakesEveryOptimizerWithOneGroupPerTrainableGroupAndItsScale) {
  torch::nn::Linear a(2, 2), b(2, 1);
  const std::vector<TrainableGroup> groups = {
      {a->parameters(), 0.1}, {{}, 1.0}, {b->parameters(), 1.0}};
  for (const char* name : {"sgd", "adam", "adamw", "rmsprop", "adagrad"}) {
    TrainSettings s;
    s.optimizer = name;
    s.lr = 0.5;
    const auto optimizer = make_optimizer(s, groups);
    ASSERT_EQ(optimizer->param_groups().size(), 2u) << name << ": the empty group is left out";
    EXPECT_DOUBLE_EQ(optimizer->param_groups()[0].options().get_lr(), 0.05) << name;
    EXPECT_DOUBLE_EQ(optimizer->param_groups()[1].options().get_lr(), 0.5) << name;
    set_learning_rate(*optimizer, groups, 0.2);
    EXPECT_DOUBLE_EQ(optimizer->param_groups()[0].options().get_lr(), 0.02) << name;
    EXPECT_DOUBLE_EQ(optimizer->param_groups()[1].options().get_lr(), 0.2) << name;
  }
  TrainSettings s;
  EXPECT_THROW(make_optimizer(s, {{{}, 1.0}}), Error) << "nothing would train";
}

TEST(OptimizerFactory, SgdUsesNesterovAndAdamWDecouplesWeightDecay) {
  // One step from w = 1 with gradient 0 shows the decay: AdamW shrinks w by lr * wd; Adam's L2
  // penalty enters the (normalised) gradient, a step of lr.
  for (const char* name : {"adam", "adamw"}) {
    torch::Tensor w = torch::ones({1}, torch::requires_grad());
    TrainSettings s;
    s.optimizer = name;
    s.lr = 0.1;
    s.weight_decay = 0.5;
    const auto optimizer = make_optimizer(s, {{{w}, 1.0}});
    w.mutable_grad() = torch::zeros({1});
    optimizer->step();
    const double expected = std::string(name) == "adamw" ? 1 - 0.1 * 0.5 : 1 - 0.1;
    EXPECT_NEAR(w.item<double>(), expected, 1e-6) << name;
  }
  torch::Tensor w = torch::ones({1}, torch::requires_grad());
  TrainSettings s;
  s.optimizer = "sgd";
  s.momentum = 0.9;
  s.nesterov = true;
  const auto optimizer = make_optimizer(s, {{{w}, 1.0}});
  const auto& options = static_cast<const torch::optim::SGDOptions&>(optimizer->param_groups()[0].options());
  EXPECT_TRUE(options.nesterov());
}

TEST(Augmentation, DrawsDependOnSeedEpochAndIndexOnly) {
  const AugmentationSet all{true, true, true};
  int identities = 0, turns[4] = {0, 0, 0, 0};
  for (std::size_t i = 0; i < 400; ++i) {
    const AugmentDraw a = draw_augmentation(all, 7, 3, i);
    const AugmentDraw b = draw_augmentation(all, 7, 3, i);
    EXPECT_EQ(a.hflip, b.hflip);
    EXPECT_EQ(a.quarter_turns, b.quarter_turns);
    identities += a.identity();
    ++turns[a.quarter_turns];
  }
  EXPECT_GT(identities, 0);
  for (int count : turns) EXPECT_GT(count, 50) << "every quarter turn is drawn";
  EXPECT_TRUE(draw_augmentation(AugmentationSet{}, 7, 3, 5).identity()) << "nothing enabled";
  const AugmentationSet flips{true, false, false};
  for (std::size_t i = 0; i < 50; ++i) {
    EXPECT_FALSE(draw_augmentation(flips, 7, 3, i).vflip);
    EXPECT_EQ(draw_augmentation(flips, 7, 3, i).quarter_turns, 0);
  }
}

TEST(Augmentation, FlipsAndTurnsMovePixelsWhereExpected) {
  // One channel 2x2: [[1, 2], [3, 4]].
  const at::Tensor image = torch::tensor({1.f, 2.f, 3.f, 4.f}).reshape({1, 2, 2});
  EXPECT_TRUE(at::equal(apply_augmentation({true, false, 0}, image),
                        torch::tensor({2.f, 1.f, 4.f, 3.f}).reshape({1, 2, 2})));
  EXPECT_TRUE(at::equal(apply_augmentation({false, true, 0}, image),
                        torch::tensor({3.f, 4.f, 1.f, 2.f}).reshape({1, 2, 2})));
  // A counter-clockwise quarter turn: the right column becomes the top row.
  EXPECT_TRUE(at::equal(apply_augmentation({false, false, 1}, image),
                        torch::tensor({2.f, 4.f, 1.f, 3.f}).reshape({1, 2, 2})));
}

TEST_F(TrainerTest, AugmentedBatchesDoNotDependOnTheThreadCount) {
  BatchLoaderOptions options;
  options.batch_size = 8;
  options.shuffle = true;
  options.seed = 3;
  options.epoch = 2;
  options.augment = AugmentationSet{true, true, true};
  const BandStats stats = identity_band_stats(test::kBands);
  options.threads = 1;
  BatchLoader one(train_, stats, options);
  options.threads = 3;
  BatchLoader three(train_, stats, options);
  options.augment = AugmentationSet{};
  BatchLoader plain(train_, stats, options);
  bool any_changed = false;
  while (auto a = one.next()) {
    auto b = three.next();
    auto c = plain.next();
    ASSERT_TRUE(b && c);
    EXPECT_TRUE(at::equal(a->inputs[0], b->inputs[0]));
    any_changed = any_changed || !at::equal(a->inputs[0], c->inputs[0]);
  }
  EXPECT_TRUE(any_changed) << "augmentation changed some sample";
}

TEST_F(TrainerTest, Rot90NeedsSquareInputs) {
  DatasetInfo info;
  info.class_names = {"a"};
  info.inputs = {{"x", {"B1"}, 10.0, {1, 2, 3}}};
  auto wide = std::make_shared<test::MemoryDataset>(info, std::vector<Sample>{});
  BatchLoaderOptions options;
  options.augment = AugmentationSet{false, false, true};
  EXPECT_THAT([&] { BatchLoader(wide, identity_band_stats(1), options); },
              ::testing::ThrowsMessage<Error>(::testing::HasSubstr("rot90 needs square inputs")));
}

TEST_F(TrainerTest, EarlyStoppingEndsTrainingAndSaysWhy) {
  TrainJob stopped = job(1, out_.path());
  stopped.settings.epochs = 6;
  stopped.settings.lr = 1e-12;  // nothing moves: no epoch after the first improves
  stopped.settings.patience = 2;
  const TrainResult result = train(stopped);
  ASSERT_EQ(result.status, RunStatus::completed) << result.reason;
  EXPECT_EQ(result.epochs.size(), 3u);
  EXPECT_EQ(result.stopped_early_at, 3);
  EXPECT_EQ(result.stopped_early_why,
            "val f1_macro did not improve for 2 epochs (best: epoch 1)");
  EXPECT_FALSE(result.test_metrics.empty()) << "the best checkpoint is still evaluated";
}

TEST_F(TrainerTest, EachEpochRecordsItsLearningRate) {
  TrainJob scheduled = job(1, out_.path());
  scheduled.settings.epochs = 3;
  scheduled.settings.scheduler = "step";
  scheduled.settings.step_size = 1;
  scheduled.settings.gamma = 0.5;
  const TrainResult result = train(scheduled);
  ASSERT_EQ(result.status, RunStatus::completed) << result.reason;
  ASSERT_EQ(result.epochs.size(), 3u);
  EXPECT_DOUBLE_EQ(result.epochs[0].lr, 0.001);
  EXPECT_DOUBLE_EQ(result.epochs[1].lr, 0.0005);
  EXPECT_DOUBLE_EQ(result.epochs[2].lr, 0.00025);
}

TEST_F(TrainerTest, ClippingAndAugmentationKeepARunBitwiseRepeatable) {
  auto run = [&](const std::filesystem::path& dir) {
    TrainJob j = job(4, dir);
    j.settings.clip_grad_norm = 0.01;
    j.settings.augment = {"hflip", "rot90"};
    j.settings.optimizer = "sgd";
    j.settings.nesterov = true;
    return train(j);
  };
  test::TempDir a, b;
  const TrainResult first = run(a.path()), second = run(b.path());
  ASSERT_EQ(first.status, RunStatus::completed) << first.reason;
  EXPECT_EQ(first.final_weights_sha256, second.final_weights_sha256);
  TrainJob unclipped = job(4, out_.path());
  unclipped.settings.augment = {"hflip", "rot90"};
  unclipped.settings.optimizer = "sgd";
  unclipped.settings.nesterov = true;
  EXPECT_NE(train(unclipped).final_weights_sha256, first.final_weights_sha256)
      << "clipping changed the updates";
}

}  // namespace
}  // namespace eorun
