#include "train/trainer.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <limits>

#include <torch/torch.h>

#include "core/train/trainer_fixture.hpp"
#include "metrics/multilabel_metrics.hpp"
#include "util/sha256.hpp"

namespace eorun {
namespace {

using test::MemoryDataset;
using test::TrainerTest;
using test::kBands;
using test::kClasses;
using test::kSide;

std::vector<std::string> chain_of(const TrainResult& result) {
  std::vector<std::string> chain;
  for (const EpochResult& epoch : result.epochs) chain.push_back(epoch.chain_sha256);
  return chain;
}

TEST_F(TrainerTest, CompletesWithCheckpointMetricsAndPredictions) {
  const TrainResult result = train(job(1, out_.path()));
  ASSERT_EQ(result.status, RunStatus::completed) << result.reason;
  EXPECT_TRUE(result.reason.empty());
  ASSERT_EQ(result.epochs.size(), 2u);
  for (std::size_t i = 0; i < result.epochs.size(); ++i) {
    const EpochResult& epoch = result.epochs[i];
    EXPECT_EQ(epoch.epoch, static_cast<int>(i + 1));
    EXPECT_GT(epoch.train_loss, 0.0);
    EXPECT_EQ(epoch.weights_sha256.size(), 64u);
    const std::string previous = i == 0 ? "" : result.epochs[i - 1].chain_sha256;
    EXPECT_EQ(epoch.chain_sha256, sha256_hex(previous + epoch.weights_sha256));
    for (const auto& name : metric_names(Task::multi_label))
      EXPECT_EQ(epoch.val_metrics.count(name), 1u);
    EXPECT_EQ(epoch.val_metrics.count("loss"), 1u);
    EXPECT_GT(epoch.seconds, 0.0);
  }
  ASSERT_GE(result.best_epoch, 1);
  ASSERT_LE(result.best_epoch, 2);
  const EpochResult& best = result.epochs[result.best_epoch - 1];
  EXPECT_EQ(result.best_value, best.val_metrics.at("f1_macro"));
  EXPECT_EQ(result.final_weights_sha256, best.weights_sha256)
      << "the test split is evaluated with the best epoch's weights";

  EXPECT_EQ(result.checkpoint_file, "best.pt");
  EXPECT_EQ(result.checkpoint_sha256, sha256_file(out_.path() / "best.pt"));
  for (const auto& name : metric_names(Task::multi_label))
    EXPECT_EQ(result.test_metrics.count(name), 1u);

  EXPECT_EQ(result.predictions_file, "predictions.csv");
  std::ifstream csv(out_.path() / "predictions.csv");
  std::string line;
  ASSERT_TRUE(std::getline(csv, line));
  EXPECT_EQ(line, "id,class 0,class 1,class 2,class 3,true:class 0,true:class 1,true:class 2,"
                  "true:class 3");
  int rows = 0;
  while (std::getline(csv, line)) {
    if (rows == 0) {
      EXPECT_EQ(line.rfind("s0,", 0), 0u) << "test rows in dataset order: " << line;
    }
    // The truth beside the scores: the sample's own 0/1 targets.
    std::string truth;
    const at::Tensor target = test_->get(static_cast<std::size_t>(rows)).target;
    for (std::int64_t k = 0; k < kClasses; ++k) truth += target[k].item<float>() > 0.5f ? ",1" : ",0";
    EXPECT_EQ(line.substr(line.size() - truth.size()), truth) << line;
    ++rows;
  }
  EXPECT_EQ(rows, 24);

  EXPECT_GT(result.wall_seconds, 0.0);
  EXPECT_GT(result.samples_per_second, 0.0);
  EXPECT_GE(result.data_wait_seconds, 0.0);
  EXPECT_GT(result.peak_rss_bytes, 0);
}

TEST_F(TrainerTest, IsBitwiseRepeatableForOneSeed) {
  test::TempDir second, other;
  const TrainResult a = train(job(1, out_.path()));
  const TrainResult b = train(job(1, second.path()));
  const TrainResult c = train(job(2, other.path()));
  ASSERT_EQ(a.status, RunStatus::completed) << a.reason;
  ASSERT_EQ(b.status, RunStatus::completed) << b.reason;
  ASSERT_EQ(c.status, RunStatus::completed) << c.reason;
  EXPECT_EQ(a.final_weights_sha256, b.final_weights_sha256);
  EXPECT_EQ(chain_of(a), chain_of(b));
  EXPECT_EQ(a.checkpoint_sha256, b.checkpoint_sha256) << "the checkpoint file is byte-identical";
  for (std::size_t i = 0; i < a.epochs.size(); ++i) {
    EXPECT_EQ(a.epochs[i].train_loss, b.epochs[i].train_loss);
    EXPECT_EQ(a.epochs[i].val_metrics, b.epochs[i].val_metrics);
  }
  EXPECT_EQ(a.test_metrics, b.test_metrics);
  EXPECT_NE(a.final_weights_sha256, c.final_weights_sha256) << "another seed, other weights";
  EXPECT_NE(chain_of(a), chain_of(c));
}

TEST_F(TrainerTest, DoesNotDependOnTheLoaderThreadCount) {
  test::TempDir second;
  TrainJob one = job(1, out_.path());
  one.loader_threads = 1;
  TrainJob four = job(1, second.path());
  four.loader_threads = 4;
  const TrainResult a = train(one);
  const TrainResult b = train(four);
  ASSERT_EQ(a.status, RunStatus::completed) << a.reason;
  EXPECT_EQ(chain_of(a), chain_of(b));
  EXPECT_EQ(a.final_weights_sha256, b.final_weights_sha256);
}

TEST_F(TrainerTest, TrainsWithSgd) {
  TrainJob sgd = job(1, out_.path());
  sgd.settings.optimizer = "sgd";
  sgd.settings.lr = 0.01;
  sgd.settings.weight_decay = 1e-4;
  const TrainResult result = train(sgd);
  ASSERT_EQ(result.status, RunStatus::completed) << result.reason;
  EXPECT_NE(result.epochs[0].weights_sha256, result.epochs[1].weights_sha256);
}

TEST_F(TrainerTest, SelectsByLossLowerIsBetter) {
  TrainJob by_loss = job(1, out_.path());
  by_loss.settings.selection_metric = "loss";
  by_loss.settings.epochs = 3;
  const TrainResult result = train(by_loss);
  ASSERT_EQ(result.status, RunStatus::completed) << result.reason;
  double lowest = result.epochs[0].val_metrics.at("loss");
  for (const auto& epoch : result.epochs) lowest = std::min(lowest, epoch.val_metrics.at("loss"));
  EXPECT_EQ(result.best_value, lowest);
  EXPECT_EQ(result.epochs[result.best_epoch - 1].val_metrics.at("loss"), lowest);
}

TEST_F(TrainerTest, TiesKeepTheEarlierEpoch) {
  // Steps of 1e-30 move no score visibly: all epochs score the same f1_macro.
  TrainJob frozen = job(1, out_.path());
  frozen.settings.optimizer = "sgd";
  frozen.settings.momentum = 0;
  frozen.settings.lr = 1e-30;
  frozen.settings.epochs = 3;
  const TrainResult result = train(frozen);
  ASSERT_EQ(result.status, RunStatus::completed) << result.reason;
  ASSERT_EQ(result.epochs[0].val_metrics.at("f1_macro"), result.epochs[1].val_metrics.at("f1_macro"));
  ASSERT_EQ(result.epochs[0].val_metrics.at("f1_macro"), result.epochs[2].val_metrics.at("f1_macro"));
  EXPECT_EQ(result.best_epoch, 1);
}

TEST_F(TrainerTest, NanLossFailsTheRunWithTheReason) {
  train_->samples()[5].inputs[0][0][3][3] = std::numeric_limits<float>::quiet_NaN();
  TrainJob bad = job(1, out_.path());
  bad.normalisation = identity_band_stats(kBands);
  const TrainResult result = train(bad);
  EXPECT_EQ(result.status, RunStatus::failed);
  EXPECT_EQ(result.reason.rfind("loss became NaN at epoch 1, batch ", 0), 0u) << result.reason;
  const std::string remedy = "; lower train.lr or check the inputs";
  EXPECT_EQ(result.reason.substr(result.reason.size() - remedy.size()), remedy) << result.reason;
  EXPECT_TRUE(result.epochs.empty());
  EXPECT_TRUE(result.test_metrics.empty());
}

TEST_F(TrainerTest, NonFiniteOutputsOnTheValidationSplitFailTheRunSayingSo) {
  val_->samples()[3].inputs[0][0][2][2] = std::numeric_limits<float>::infinity();
  TrainJob bad = job(1, out_.path());
  bad.normalisation = identity_band_stats(kBands);
  const TrainResult result = train(bad);
  EXPECT_EQ(result.status, RunStatus::failed);
  EXPECT_EQ(result.reason, "the model's outputs became NaN or infinite (epoch 1/2 val): training "
                           "diverged; lower train.lr or set train.clip_grad_norm");
  EXPECT_TRUE(result.test_metrics.empty());
}

TEST_F(TrainerTest, StopFlagInterruptsTheRun) {
  std::atomic<bool> stop{true};
  TrainJob interrupted = job(1, out_.path());
  interrupted.stop_requested = &stop;
  const TrainResult result = train(interrupted);
  EXPECT_EQ(result.status, RunStatus::interrupted);
  EXPECT_EQ(result.reason, "interrupted by the user at epoch 1");
  EXPECT_TRUE(result.epochs.empty());
  EXPECT_FALSE(std::filesystem::exists(out_.path() / "predictions.csv"));
}

TEST_F(TrainerTest, StopFlagSetWhileValidating) {
  std::atomic<bool> stop{false};
  val_->before_get = [&stop](std::size_t) { stop = true; };  // set while validating epoch 1
  TrainJob interrupted = job(1, out_.path());
  interrupted.stop_requested = &stop;
  const TrainResult result = train(interrupted);
  EXPECT_EQ(result.status, RunStatus::interrupted);
  EXPECT_EQ(result.reason, "interrupted by the user at epoch 1");
}

TEST_F(TrainerTest, ASampleErrorFailsTheRunWithItsMessage) {
  test_->before_get = [](std::size_t index) {
    if (index == 7) throw Error("sample 's7'", "cannot open B04.tif", "check the data folder");
  };
  const TrainResult result = train(job(1, out_.path()));
  EXPECT_EQ(result.status, RunStatus::failed);
  EXPECT_EQ(result.reason, "sample 's7': cannot open B04.tif; check the data folder");
  EXPECT_EQ(result.epochs.size(), 2u) << "the epochs before the failure are kept";
  EXPECT_EQ(result.checkpoint_file, "best.pt");
  EXPECT_EQ(result.checkpoint_sha256, sha256_file(out_.path() / "best.pt"));
}

TEST_F(TrainerTest, AModelOfTheWrongShapeFailsTheRun) {
  TrainJob wrong = job(1, out_.path());
  wrong.model = std::make_shared<shortcnn::ShortCnnModel>(
      shortcnn::ShortCnnOptions(kBands, kClasses).input_size(kSide * 2));
  const TrainResult result = train(wrong);
  EXPECT_EQ(result.status, RunStatus::failed);
  EXPECT_NE(result.reason.find("model shortcnn: expects input"), std::string::npos)
      << result.reason;
}

// A model of two input groups, as fusion models are: a conv per group, the pooled features of
// both concatenated before one Linear. It records the shapes of the batches it is given.
struct TwoGroupNet : torch::nn::Module {
  TwoGroupNet(std::int64_t channels, std::int64_t classes)
      : fine(register_module("fine", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, 8, 3)))),
        coarse(register_module("coarse", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, 8, 3)))),
        fc(register_module("fc", torch::nn::Linear(16, classes))) {}
  torch::nn::Conv2d fine;
  torch::nn::Conv2d coarse;
  torch::nn::Linear fc;
};

class TwoGroupModel : public Model {
 public:
  TwoGroupModel(std::int64_t channels, std::int64_t classes)
      : net_(std::make_shared<TwoGroupNet>(channels, classes)) {}
  at::Tensor forward(const std::vector<at::Tensor>& inputs) override {
    if (inputs.size() != 2) throw Error("model two_group", "takes 2 inputs", "give it 2");
    seen.push_back({inputs[0].sizes().vec(), inputs[1].sizes().vec()});
    const at::Tensor a = net_->fine(inputs[0]).relu().mean({2, 3});
    const at::Tensor b = net_->coarse(inputs[1]).relu().mean({2, 3});
    return net_->fc(at::cat({a, b}, 1));
  }
  std::shared_ptr<torch::nn::Module> module() override { return net_; }
  std::vector<ModuleGroup> groups() override {
    return {{"fine", {net_->fine.ptr()}}, {"coarse", {net_->coarse.ptr()}}, {"head", {net_->fc.ptr()}}};
  }
  std::vector<std::vector<std::vector<std::int64_t>>> seen;  // per forward: the two shapes

 private:
  std::shared_ptr<TwoGroupNet> net_;
};

TEST_F(TrainerTest, TrainsAndEvaluatesAModelOfTwoInputGroups) {
  train_ = MemoryDataset::two_resolutions(64, kBands, kSide, kClasses, 11);
  val_ = MemoryDataset::two_resolutions(32, kBands, kSide, kClasses, 12);
  test_ = MemoryDataset::two_resolutions(24, kBands, kSide, kClasses, 13);
  TrainJob fused = job(1, out_.path());
  auto model = std::make_shared<TwoGroupModel>(kBands, kClasses);
  fused.model = model;
  ASSERT_EQ(fused.normalisation.mean.size(), static_cast<std::size_t>(2 * kBands));
  const TrainResult result = train(fused);
  ASSERT_EQ(result.status, RunStatus::completed) << result.reason;
  EXPECT_EQ(result.epochs.size(), 2u);
  EXPECT_EQ(result.test_metrics.count("f1_macro"), 1u);
  EXPECT_TRUE(std::filesystem::exists(out_.path() / "predictions.csv"));
  ASSERT_FALSE(model->seen.empty());
  const std::vector<std::vector<std::int64_t>> first = {{16, kBands, kSide, kSide},
                                                        {16, kBands, kSide / 2, kSide / 2}};
  EXPECT_EQ(model->seen.front(), first);
  // Per epoch 4 train batches, 2 val batches; then 2 test batches.
  EXPECT_EQ(model->seen.size(), 2u * (4u + 2u) + 2u);
}

TEST_F(TrainerTest, AMissingOutputFolderFailsTheRun) {
  const TrainResult result = train(job(1, out_.path() / "missing"));
  EXPECT_EQ(result.status, RunStatus::failed);
  EXPECT_NE(result.reason.find("the output folder does not exist"), std::string::npos);
}

}  // namespace
}  // namespace eorun
