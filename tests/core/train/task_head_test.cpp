// Every task: the trainer picks its head from the dataset's task. A single-label run trains with
// softmax scores and integer targets, is judged by the single-label suite (oa by default), and
// writes its truth beside its predictions.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <torch/torch.h>

#include "eorun/error.hpp"
#include "train/task_head.hpp"
#include "trainer_fixture.hpp"

namespace eorun {
namespace {

using test::kBands;
using test::kClasses;
using test::kSide;
using test::MemoryDataset;

// Softmax cross-entropy on integer targets (the loss plugins are tested on their own).
class CrossEntropy : public Loss {
 public:
  at::Tensor compute(const at::Tensor& logits, const at::Tensor& target) override {
    return torch::nn::functional::cross_entropy(logits, target);
  }
};

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream stream(line);
  for (std::string cell; std::getline(stream, cell, ',');) cells.push_back(cell);
  return cells;
}

class SingleLabelTest : public test::TrainerTest {
 protected:
  SingleLabelTest() {
    train_ = MemoryDataset::one_class(96, kBands, kSide, kClasses, 21);
    val_ = MemoryDataset::one_class(32, kBands, kSide, kClasses, 22);
    test_ = MemoryDataset::one_class(24, kBands, kSide, kClasses, 23);
  }
  TrainJob single_label_job() {
    TrainJob j = job(2, out_.path());
    j.loss = std::make_shared<CrossEntropy>();
    j.settings.epochs = 3;
    j.settings.lr = 0.01;
    return j;
  }
};

TEST_F(SingleLabelTest, TrainsWithTheSingleLabelSuiteAndWritesTheTruth) {
  const TrainResult result = train(single_label_job());
  ASSERT_EQ(result.status, RunStatus::completed) << result.reason;
  for (const std::string& name : metric_names(Task::single_label))
    EXPECT_EQ(result.test_metrics.count(name), 1u) << name;
  EXPECT_EQ(result.test_metrics.count("hamming_loss"), 0u) << "no multi-label metric";
  ASSERT_EQ(result.epochs.size(), 3u);
  EXPECT_EQ(result.epochs[0].val_metrics.count("oa"), 1u);
  // The default selection metric of single-label data is overall accuracy.
  double best = -1;
  for (const EpochResult& epoch : result.epochs) best = std::max(best, epoch.val_metrics.at("oa"));
  EXPECT_EQ(result.best_value, best);

  ASSERT_EQ(result.test_confusion.size(), static_cast<std::size_t>(kClasses));
  std::int64_t total = 0, diagonal = 0;
  for (std::size_t t = 0; t < result.test_confusion.size(); ++t)
    for (std::size_t p = 0; p < result.test_confusion[t].size(); ++p) {
      total += result.test_confusion[t][p];
      if (t == p) diagonal += result.test_confusion[t][p];
    }
  EXPECT_EQ(total, 24);
  EXPECT_DOUBLE_EQ(result.test_metrics.at("oa"), static_cast<double>(diagonal) / 24.0);
  for (const char* name : {"precision", "recall", "f1"})
    EXPECT_EQ(result.test_per_class.at(name).size(), static_cast<std::size_t>(kClasses)) << name;
  EXPECT_GT(result.test_metrics.at("oa"), 0.25) << "better than chance on a learnable problem";

  // predictions.csv: softmax scores that sum to 1, then the true class index; recomputing the
  // accuracy from the file gives the recorded oa.
  std::ifstream csv(out_.path() / "predictions.csv");
  std::string line;
  ASSERT_TRUE(std::getline(csv, line));
  EXPECT_EQ(line, "id,class 0,class 1,class 2,class 3,true");
  int rows = 0, correct = 0;
  while (std::getline(csv, line)) {
    const std::vector<std::string> cells = split_csv(line);
    ASSERT_EQ(cells.size(), static_cast<std::size_t>(kClasses + 2)) << line;
    double sum = 0;
    int argmax = 0;
    for (int k = 0; k < kClasses; ++k) {
      const double score = std::stod(cells[1 + k]);
      sum += score;
      if (score > std::stod(cells[1 + argmax])) argmax = k;
    }
    EXPECT_NEAR(sum, 1.0, 1e-5) << line;
    const int truth = std::stoi(cells.back());
    EXPECT_EQ(truth, test_->get(static_cast<std::size_t>(rows)).target.item<std::int64_t>());
    correct += argmax == truth;
    ++rows;
  }
  EXPECT_EQ(rows, 24);
  EXPECT_DOUBLE_EQ(static_cast<double>(correct) / rows, result.test_metrics.at("oa"));
}

TEST_F(SingleLabelTest, AMetricOfTheOtherTaskFailsTheRunNamingIt) {
  TrainJob j = single_label_job();
  j.settings.selection_metric = "f1_samples";
  const TrainResult result = train(j);
  EXPECT_EQ(result.status, RunStatus::failed);
  EXPECT_NE(result.reason.find("'f1_samples' is not a metric of single-label data"), std::string::npos)
      << result.reason;
  EXPECT_TRUE(result.epochs.empty());
}

TEST(TaskHead, ScoresAndTargetsFollowTheTask) {
  const at::Tensor logits = torch::tensor({{2.0f, 0.0f, -1.0f}, {0.0f, 0.0f, 0.0f}});
  const TaskHead single(Task::single_label, 3, 0.5);
  EXPECT_TRUE(single.scores(logits).sum(1).allclose(torch::ones({2})));
  EXPECT_EQ(single.metric_targets(torch::tensor({0, 2})).scalar_type(), at::kLong);
  EXPECT_THROW(single.metric_targets(torch::zeros({2, 3})), Error) << "one-hot floats are not indices";
  const TaskHead multi(Task::multi_label, 3, 0.5);
  EXPECT_TRUE(multi.scores(logits).allclose(torch::sigmoid(logits)));
  EXPECT_THROW(multi.metric_targets(torch::zeros({2, 4})), Error) << "4 columns for 3 classes";
  EXPECT_THROW(multi.metric_targets(torch::tensor({0, 2})), Error);
}

TEST(TaskHead, SelectionMetricsAndDefaultsArePerTask) {
  EXPECT_EQ(default_selection_metric(Task::multi_label), "f1_macro");
  EXPECT_EQ(default_selection_metric(Task::single_label), "oa");
  const std::vector<std::string> single = selection_metrics(Task::single_label);
  EXPECT_EQ(single.front(), "loss");
  EXPECT_NE(std::find(single.begin(), single.end(), "kappa"), single.end());
  EXPECT_EQ(std::find(single.begin(), single.end(), "lrap"), single.end());
  const std::vector<std::string> multi = selection_metrics(Task::multi_label);
  EXPECT_NE(std::find(multi.begin(), multi.end(), "lrap"), multi.end());
  EXPECT_EQ(std::find(multi.begin(), multi.end(), "oa"), multi.end());
}

}  // namespace
}  // namespace eorun
