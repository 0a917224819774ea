#include "metrics/multilabel_metrics.hpp"
#include "util/metric_direction.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include <torch/torch.h>

#include "eorun/error.hpp"
#include "metric_testing.hpp"

namespace eorun {
namespace {

using test::kTolerance;
using test::matrix;

void expect_near(const std::vector<double>& actual, const std::vector<double>& expected,
                 const char* name) {
  ASSERT_EQ(actual.size(), expected.size()) << name;
  for (std::size_t k = 0; k < expected.size(); ++k)
    EXPECT_NEAR(actual[k], expected[k], kTolerance) << name << " of class " << k;
}

// Four samples, three classes, threshold 0.5.
//   scores              targets    predicted (score >= 0.5)
//   0.9 0.2 0.6         1 0 1      1 0 1
//   0.8 0.7 0.1         0 1 0      1 1 0
//   0.3 0.4 0.2         1 0 0      0 0 0
//   0.6 0.1 0.4         1 0 0      1 0 0
// class 0: tp 2, fp 1, fn 1 -> P = R = 2/3, F1 = 4/6 = 2/3, F2 = 5*2 / (5*2 + 4*1 + 1) = 2/3
// class 1: tp 1 -> P = R = F1 = F2 = 1;  class 2: tp 1 -> all 1
// macro (F1, F2, P, R) = (2/3 + 1 + 1) / 3 = 8/9
// micro: tp 4, fp 1, fn 1 -> P = R = F1 = 4/5
// per sample (targets -> predicted): 0 {0,2} -> {0,2}: P = R = F1 = F2 = 1
//   1 {1} -> {0,1}: tp 1, fp 1: P 1/2, R 1, F1 = 2(1/2)/(3/2) = 2/3, F2 = 5(1/2)/(4/2 + 1) = 5/6
//   2 {0} -> {}: tp 0: P = R = F = 0;  3 {0} -> {0}: all 1
// samples P = (1 + 1/2 + 0 + 1)/4 = 5/8, R = 3/4, F1 = (8/3)/4 = 2/3, F2 = (17/6)/4 = 17/24
// micro F2 with P = R = 4/5: 5 (16/25) / (4 (4/5) + 4/5) = 4/5
// hamming: 2 wrong labels of 12 = 1/6; subset accuracy: samples 0 and 3 exact = 1/2
// AP class 0: ranked 0.9(+) 0.8(-) 0.6(+) 0.3(+), 3 positives
//   = (1/3)*1 + 0*(1/2) + (1/3)*(2/3) + (1/3)*(3/4) = 12/36 + 8/36 + 9/36 = 29/36
// AP class 1 = AP class 2 = 1 (their one positive ranks first); map_macro = (29/36 + 2)/3 = 101/108
// map_micro over the 12 pairs, 5 positives, ranked by distinct score:
//   0.9 (+): tp 1/1, R 1/5 -> 1/5 * 1
//   0.8 (-): tp 1/2, R unchanged
//   0.7 (+): tp 2/3, R 2/5 -> 1/5 * 2/3
//   0.6 (+,+ tied): tp 4/5, R 4/5 -> 2/5 * 4/5
//   0.4 (-,-): unchanged;  0.3 (+): tp 5/8, R 1 -> 1/5 * 5/8;  0.2, 0.1: unchanged
//   = 1/5 + 2/15 + 8/25 + 1/8 = (120 + 80 + 192 + 75) / 600 = 467/600
TEST(MultilabelMetrics, MatchAHandComputation) {
  const at::Tensor scores =
      matrix({0.9, 0.2, 0.6, 0.8, 0.7, 0.1, 0.3, 0.4, 0.2, 0.6, 0.1, 0.4}, 3);
  const at::Tensor targets = matrix({1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0}, 3);
  const MetricSuite suite = compute_multilabel_metrics(scores, targets, 0.5);
  const auto& m = suite.scalars;
  EXPECT_NEAR(m.at("f1_macro"), 8.0 / 9, kTolerance);
  EXPECT_NEAR(m.at("f2_macro"), 8.0 / 9, kTolerance);
  EXPECT_NEAR(m.at("precision_macro"), 8.0 / 9, kTolerance);
  EXPECT_NEAR(m.at("recall_macro"), 8.0 / 9, kTolerance);
  EXPECT_NEAR(m.at("f1_micro"), 0.8, kTolerance);
  EXPECT_NEAR(m.at("precision_micro"), 0.8, kTolerance);
  EXPECT_NEAR(m.at("recall_micro"), 0.8, kTolerance);
  EXPECT_NEAR(m.at("f2_micro"), 0.8, kTolerance);
  EXPECT_NEAR(m.at("precision_samples"), 5.0 / 8, kTolerance);
  EXPECT_NEAR(m.at("recall_samples"), 3.0 / 4, kTolerance);
  EXPECT_NEAR(m.at("f1_samples"), 2.0 / 3, kTolerance);
  EXPECT_NEAR(m.at("f2_samples"), 17.0 / 24, kTolerance);
  EXPECT_NEAR(m.at("hamming_loss"), 1.0 / 6, kTolerance);
  EXPECT_NEAR(m.at("subset_accuracy"), 0.5, kTolerance);
  EXPECT_NEAR(m.at("map_macro"), 101.0 / 108, kTolerance);
  EXPECT_NEAR(m.at("map_micro"), 467.0 / 600, kTolerance);
  expect_near(suite.per_class.at("precision"), {2.0 / 3, 1, 1}, "precision");
  expect_near(suite.per_class.at("recall"), {2.0 / 3, 1, 1}, "recall");
  expect_near(suite.per_class.at("f1"), {2.0 / 3, 1, 1}, "f1");
  expect_near(suite.per_class.at("ap"), {29.0 / 36, 1, 1}, "ap");
  EXPECT_TRUE(suite.confusion.empty());
}

// The label-ranking metrics of the same four samples (ranking_metrics_test.cpp covers ties):
//   sample 0: ranked 0.9(+) 0.6(+) 0.2(-): LRAP (1/1 + 2/2)/2 = 1, coverage 2, no pair misordered
//   sample 1: ranked 0.8(-) 0.7(+) 0.1(-): LRAP 1/2, coverage 2, 1 of 2 pairs misordered, top -
//   sample 2: ranked 0.4(-) 0.3(+) 0.2(-): LRAP 1/2, coverage 2, 1 of 2 pairs misordered, top -
//   sample 3: ranked 0.6(+) 0.4(-) 0.1(-): LRAP 1, coverage 1, no pair misordered
// lrap = 3/4, coverage_error = 7/4, ranking_loss = (1/2 + 1/2)/4 = 1/4, one_error = 2/4
TEST(MultilabelMetrics, IncludeTheLabelRankingMetrics) {
  const at::Tensor scores =
      matrix({0.9, 0.2, 0.6, 0.8, 0.7, 0.1, 0.3, 0.4, 0.2, 0.6, 0.1, 0.4}, 3);
  const at::Tensor targets = matrix({1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0}, 3);
  const auto m = compute_multilabel_metrics(scores, targets, 0.5).scalars;
  EXPECT_NEAR(m.at("lrap"), 0.75, kTolerance);
  EXPECT_NEAR(m.at("coverage_error"), 1.75, kTolerance);
  EXPECT_NEAR(m.at("ranking_loss"), 0.25, kTolerance);
  EXPECT_NEAR(m.at("one_error"), 0.5, kTolerance);
}

// Precision and recall differ per class:
//   class 0: truth 1 1 0 0, predicted 1 0 0 0 -> tp 1, fn 1: P 1, R 1/2, F1 2/3, F2 5/(5+4) = 5/9
//   class 1: truth 0 0 1 0, predicted 1 1 1 0 -> tp 1, fp 2: P 1/3, R 1, F1 2/4 = 1/2, F2 5/7
// macro P = 2/3, R = 3/4, F1 = 7/12, F2 = (5/9 + 5/7)/2 = 40/63
// micro: tp 2, fp 2, fn 1 -> P 1/2, R 2/3, F1 4/7
TEST(MultilabelMetrics, SeparatePrecisionFromRecall) {
  const at::Tensor scores = matrix({0.9, 0.6, 0.1, 0.7, 0.2, 0.8, 0.3, 0.4}, 2);
  const at::Tensor targets = matrix({1, 0, 1, 0, 0, 1, 0, 0}, 2);
  const auto m = compute_multilabel_metrics(scores, targets, 0.5).scalars;
  EXPECT_NEAR(m.at("precision_macro"), 2.0 / 3, kTolerance);
  EXPECT_NEAR(m.at("recall_macro"), 3.0 / 4, kTolerance);
  EXPECT_NEAR(m.at("f1_macro"), 7.0 / 12, kTolerance);
  EXPECT_NEAR(m.at("f2_macro"), 40.0 / 63, kTolerance);
  EXPECT_NEAR(m.at("precision_micro"), 0.5, kTolerance);
  EXPECT_NEAR(m.at("recall_micro"), 2.0 / 3, kTolerance);
  EXPECT_NEAR(m.at("f1_micro"), 4.0 / 7, kTolerance);
}

TEST(MultilabelMetrics, ThresholdIsInclusive) {
  const auto m = compute_multilabel_metrics(matrix({0.5}, 1), matrix({1}, 1), 0.5).scalars;
  EXPECT_NEAR(m.at("f1_macro"), 1.0, kTolerance);
}

// Class 1 has no true and no predicted positive in any sample; sample 1 has no label at all.
//   class 0: tp 1 (sample 0), tn (sample 1): P = R = F1 = 1;  class 1: every metric 0 -> macro 1/2
//   micro: tp 1, fp 0, fn 0 -> 1
//   samples: sample 0 -> P = R = F1 = 1, sample 1 (nothing true, nothing predicted) -> 0; mean 1/2
//   subset accuracy: both samples exact -> 1;  hamming 0
//   AP class 0 = 1, class 1 (no positive) = 0 and counted: map_macro = (1 + 0)/2 = 1/2
//   (sklearn's average="macro"); map_micro: the one positive ranks first -> 1
TEST(MultilabelMetrics, ZeroDivisionConventions) {
  const at::Tensor scores = matrix({0.9, 0.1, 0.2, 0.3}, 2);
  const at::Tensor targets = matrix({1, 0, 0, 0}, 2);
  const MetricSuite suite = compute_multilabel_metrics(scores, targets, 0.5);
  const auto& m = suite.scalars;
  for (const char* name : {"f1_macro", "f2_macro", "precision_macro", "recall_macro",
                           "precision_samples", "recall_samples", "f1_samples", "f2_samples",
                           "map_macro"})
    EXPECT_NEAR(m.at(name), 0.5, kTolerance) << name;
  for (const char* name : {"f1_micro", "precision_micro", "recall_micro", "subset_accuracy",
                           "map_micro"})
    EXPECT_NEAR(m.at(name), 1.0, kTolerance) << name;
  EXPECT_NEAR(m.at("hamming_loss"), 0.0, kTolerance);
  expect_near(suite.per_class.at("precision"), {1, 0}, "precision");
  expect_near(suite.per_class.at("recall"), {1, 0}, "recall");
  expect_near(suite.per_class.at("f1"), {1, 0}, "f1");
  expect_near(suite.per_class.at("ap"), {1, 0}, "ap");
}

// No positive anywhere: every P/R/F and AP is 0, the prediction (nothing) is exact, and each
// sample has no relevant label: LRAP 1, coverage 0, ranking loss 0, and the top label is wrong.
TEST(MultilabelMetrics, NothingTrueAndNothingPredicted) {
  const auto m = compute_multilabel_metrics(matrix({0.1, 0.2}, 2), matrix({0, 0}, 2), 0.5).scalars;
  for (const char* name : {"f1_macro", "f1_micro", "f1_samples", "precision_micro",
                           "recall_micro", "map_macro", "map_micro", "hamming_loss",
                           "coverage_error", "ranking_loss"})
    EXPECT_NEAR(m.at(name), 0.0, kTolerance) << name;
  for (const char* name : {"subset_accuracy", "lrap", "one_error"})
    EXPECT_NEAR(m.at(name), 1.0, kTolerance) << name;
}

// Every label true and predicted: everything perfect; coverage is all C = 2 labels.
TEST(MultilabelMetrics, EverythingTrueAndPredicted) {
  const at::Tensor scores = matrix({0.9, 0.6, 0.7, 0.7}, 2);
  const auto m = compute_multilabel_metrics(scores, matrix({1, 1, 1, 1}, 2), 0.5).scalars;
  for (const char* name : {"f1_macro", "f1_micro", "f1_samples", "map_macro", "map_micro",
                           "subset_accuracy", "lrap"})
    EXPECT_NEAR(m.at(name), 1.0, kTolerance) << name;
  for (const char* name : {"hamming_loss", "ranking_loss", "one_error"})
    EXPECT_NEAR(m.at(name), 0.0, kTolerance) << name;
  EXPECT_NEAR(m.at("coverage_error"), 2.0, kTolerance);
}

TEST(MultilabelMetrics, AcceptFloatTensors) {
  const at::Tensor scores = torch::tensor({0.9f, 0.2f}).reshape({1, 2});
  const at::Tensor targets = torch::tensor({1.0f, 0.0f}).reshape({1, 2});
  EXPECT_NEAR(compute_multilabel_metrics(scores, targets, 0.5).scalars.at("f1_micro"), 1.0,
              kTolerance);
}

TEST(MultilabelMetrics, RejectMismatchedOrEmptyInput) {
  EXPECT_THROW(compute_multilabel_metrics(torch::zeros({2, 3}), torch::zeros({2, 4}), 0.5), Error);
  EXPECT_THROW(compute_multilabel_metrics(torch::zeros({6}), torch::zeros({6}), 0.5), Error);
  EXPECT_THROW(compute_multilabel_metrics(torch::zeros({0, 3}), torch::zeros({0, 3}), 0.5), Error);
}

TEST(MultilabelMetrics, RejectNonFiniteScores) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  try {
    compute_multilabel_metrics(matrix({0.1, 0.2, nan, 0.4}, 2), matrix({0, 1, 1, 0}, 2), 0.5);
    FAIL() << "a NaN score was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.problem(), "the score of sample 1, class 0 is NaN");
  }
  EXPECT_THROW(compute_multilabel_metrics(matrix({0.1, INFINITY}, 2), matrix({0, 1}, 2), 0.5),
               Error);
}

TEST(MetricDirection, LossesAndErrorsAreLowerIsBetter) {
  for (const char* name : {"hamming_loss", "loss", "ranking_loss", "coverage_error", "one_error"})
    EXPECT_FALSE(higher_is_better(name)) << name;
  for (const char* name : {"f1_macro", "map_micro", "subset_accuracy", "precision_macro", "oa"})
    EXPECT_TRUE(higher_is_better(name)) << name;
}

}  // namespace
}  // namespace eorun
