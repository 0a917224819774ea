#include "metrics/metric_suite.hpp"

#include <set>

#include <gtest/gtest.h>

#include <torch/torch.h>

#include "metric_testing.hpp"
#include "metrics/multilabel_metrics.hpp"
#include "metrics/singlelabel_metrics.hpp"

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
      compute_multilabel_metrics(scores, test::matrix({1, 0, 1, 0, 1, 0}, 3), 0.5);
  EXPECT_EQ(keys_of(multi.scalars), names_of(Task::multi_label));
  EXPECT_EQ(multi.per_class.size(), 4u);
  for (const char* name : {"precision", "recall", "f1", "ap"})
    EXPECT_EQ(multi.per_class.at(name).size(), 3u) << name;
  EXPECT_TRUE(multi.confusion.empty());

  const MetricSuite single =
      compute_singlelabel_metrics(scores, torch::tensor({0, 1}, torch::kLong));
  EXPECT_EQ(keys_of(single.scalars), names_of(Task::single_label));
  EXPECT_EQ(single.per_class.size(), 3u);
  for (const char* name : {"precision", "recall", "f1"})
    EXPECT_EQ(single.per_class.at(name).size(), 3u) << name;
  ASSERT_EQ(single.confusion.size(), 3u);
  for (const auto& row : single.confusion) EXPECT_EQ(row.size(), 3u);
}

}  // namespace
}  // namespace eorun
