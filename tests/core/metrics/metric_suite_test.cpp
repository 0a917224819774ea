#include "metrics/metric_suite.hpp"

#include <set>

#include <gtest/gtest.h>

#include <torch/torch.h>

#include "eorun/error.hpp"
#include "metric_testing.hpp"

namespace eorun {
namespace {

std::set<std::string> keys_of(const std::map<std::string, double>& scalars) {
  std::set<std::string> keys;
  for (const auto& [name, value] : scalars) keys.insert(name);
  return keys;
}

std::set<std::string> names_of(Task task) {
  const std::vector<std::string>& names = metric_names(task);
  return {names.begin(), names.end()};
}

TEST(MetricNames, ListEachTasksMetricsOnce) {
  EXPECT_EQ(metric_names(Task::multi_label).size(), 20u);
  EXPECT_EQ(names_of(Task::multi_label).size(), 20u);
  EXPECT_EQ(metric_names(Task::single_label).size(), 6u);
  EXPECT_EQ(names_of(Task::single_label).size(), 6u);
  for (const char* name : {"f1_macro", "f2_samples", "recall_micro", "map_micro", "lrap",
                           "coverage_error", "ranking_loss", "one_error", "subset_accuracy"})
    EXPECT_EQ(names_of(Task::multi_label).count(name), 1u) << name;
  for (const char* name : {"oa", "aa", "kappa", "f1_macro"})
    EXPECT_EQ(names_of(Task::single_label).count(name), 1u) << name;
}

TEST(MetricNames, AreExactlyWhatEachSuiteComputes) {
  const at::Tensor scores = test::matrix({0.9, 0.2, 0.6, 0.8, 0.7, 0.1}, 3);
  const MetricSuite multi =
      compute_metric_suite(Task::multi_label, scores, test::matrix({1, 0, 1, 0, 1, 0}, 3), 0.5);
  EXPECT_EQ(keys_of(multi.scalars), names_of(Task::multi_label));
  EXPECT_EQ(multi.per_class.size(), 4u);
  for (const char* name : {"precision", "recall", "f1", "ap"})
    EXPECT_EQ(multi.per_class.at(name).size(), 3u) << name;
  EXPECT_TRUE(multi.confusion.empty());

  const MetricSuite single =
      compute_metric_suite(Task::single_label, scores, torch::tensor({0, 1}, torch::kLong), 0.5);
  EXPECT_EQ(keys_of(single.scalars), names_of(Task::single_label));
  EXPECT_EQ(single.per_class.size(), 3u);
  for (const char* name : {"precision", "recall", "f1"})
    EXPECT_EQ(single.per_class.at(name).size(), 3u) << name;
  ASSERT_EQ(single.confusion.size(), 3u);
  for (const auto& row : single.confusion) EXPECT_EQ(row.size(), 3u);
}

// The threshold decides the multi-label prediction: sample 0 (scores 0.9 0.2 0.6, labels 0 and 2)
// loses label 2 at threshold 0.7: tp 1, fn 1, F1 = 2/3; at 0.5 both are found: F1 = 1.
// Single-label predicts the argmax whatever the threshold.
TEST(ComputeMetricSuite, UsesTheThresholdForMultiLabelOnly) {
  const at::Tensor scores = test::matrix({0.9, 0.2, 0.6}, 3);
  const at::Tensor labels = test::matrix({1, 0, 1}, 3);
  EXPECT_NEAR(compute_metric_suite(Task::multi_label, scores, labels, 0.5).scalars.at("f1_samples"),
              1.0, test::kTolerance);
  EXPECT_NEAR(compute_metric_suite(Task::multi_label, scores, labels, 0.7).scalars.at("f1_samples"),
              2.0 / 3, test::kTolerance);
  const at::Tensor index = torch::tensor({2}, torch::kLong);
  for (const double threshold : {0.0, 0.5, 0.95}) {
    const MetricSuite single = compute_metric_suite(Task::single_label, scores, index, threshold);
    EXPECT_EQ(single.confusion[2][0], 1) << threshold << ": class 2 predicted as the argmax 0";
    EXPECT_NEAR(single.scalars.at("oa"), 0.0, test::kTolerance) << threshold;
  }
}

TEST(ComputeMetricSuite, RejectsTargetsOfTheOtherTask) {
  const at::Tensor scores = test::matrix({0.9, 0.1, 0.3, 0.7}, 2);
  EXPECT_THROW(compute_metric_suite(Task::single_label, scores, test::matrix({1, 0, 0, 1}, 2), 0.5),
               Error);
  EXPECT_THROW(
      compute_metric_suite(Task::multi_label, scores, torch::tensor({0, 1}, torch::kLong), 0.5),
      Error);
}

TEST(ComputeMetricSuite, RejectsAnUnknownTask) {
  const at::Tensor scores = test::matrix({0.9, 0.1}, 2);
  EXPECT_THROW(compute_metric_suite(static_cast<Task>(7), scores, test::matrix({1, 0}, 2), 0.5),
               Error);
  EXPECT_THROW(metric_names(static_cast<Task>(7)), Error);
}

}  // namespace
}  // namespace eorun
