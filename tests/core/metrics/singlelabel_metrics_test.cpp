#include "metrics/singlelabel_metrics.hpp"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include <torch/torch.h>

#include "eorun/error.hpp"
#include "metric_testing.hpp"

namespace eorun {
namespace {

using test::kTolerance;
using test::matrix;

at::Tensor classes(std::vector<std::int64_t> indices) {
  return torch::tensor(indices, torch::kLong);
}

// Six samples, four classes. Class 2 is never true but predicted once; class 3 is never true and
// never predicted (its scores are 0).
//   scores               true  predicted (argmax, ties to the lowest index)
//   0.7 0.2 0.1 0.0      0     0
//   0.5 0.5 0.0 0.0      0     0 (tie 0/1)
//   0.3 0.6 0.1 0.0      0     1
//   0.1 0.8 0.1 0.0      1     1
//   0.2 0.6 0.2 0.0      1     1
//   0.2 0.3 0.5 0.0      1     2
// confusion (rows true): [2 1 0 0] [0 2 1 0] [0 0 0 0] [0 0 0 0]
//   row sums r = 3 3 0 0, column sums p = 2 3 1 0
// oa = 4/6 = 2/3
// class 0: tp 2 of p 2, r 3: P 1, R 2/3, F1 = 2 (2/3) / (5/3) = 4/5
// class 1: tp 2 of p 3, r 3: P 2/3, R 2/3, F1 2/3
// class 2: tp 0, p 1, r 0: P 0, R 0 (no true sample: zero_division), F1 0;  class 3: all 0
// precision_macro = (1 + 2/3)/4 = 5/12;  recall_macro = (4/3)/4 = 1/3;
// f1_macro = (4/5 + 2/3)/4 = (22/15)/4 = 11/30
// aa = mean recall over the classes with a true sample (0 and 1) = (2/3 + 2/3)/2 = 2/3
// kappa: d_o = 6 - 4 = 2; sum r p = 3*2 + 3*3 = 15, d_e = 6 - 15/6 = 7/2; 1 - 2/(7/2) = 3/7
//   (as po = 2/3, pe = 15/36: (2/3 - 5/12)/(1 - 5/12) = 3/7)
TEST(SinglelabelMetrics, MatchAHandComputationWithEmptyClasses) {
  const at::Tensor scores = matrix({0.7, 0.2, 0.1, 0.0,  //
                                    0.5, 0.5, 0.0, 0.0,  //
                                    0.3, 0.6, 0.1, 0.0,  //
                                    0.1, 0.8, 0.1, 0.0,  //
                                    0.2, 0.6, 0.2, 0.0,  //
                                    0.2, 0.3, 0.5, 0.0},
                                   4);
  const MetricSuite suite = compute_singlelabel_metrics(scores, classes({0, 0, 0, 1, 1, 1}));
  const auto& m = suite.scalars;
  EXPECT_NEAR(m.at("oa"), 2.0 / 3, kTolerance);
  EXPECT_NEAR(m.at("aa"), 2.0 / 3, kTolerance);
  EXPECT_NEAR(m.at("kappa"), 3.0 / 7, kTolerance);
  EXPECT_NEAR(m.at("precision_macro"), 5.0 / 12, kTolerance);
  EXPECT_NEAR(m.at("recall_macro"), 1.0 / 3, kTolerance);
  EXPECT_NEAR(m.at("f1_macro"), 11.0 / 30, kTolerance);
  const std::vector<std::vector<std::int64_t>> confusion = {
      {2, 1, 0, 0}, {0, 2, 1, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}};
  EXPECT_EQ(suite.confusion, confusion);
  const std::vector<std::pair<const char*, std::vector<double>>> per_class = {
      {"precision", {1, 2.0 / 3, 0, 0}}, {"recall", {2.0 / 3, 2.0 / 3, 0, 0}},
      {"f1", {0.8, 2.0 / 3, 0, 0}}};
  for (const auto& [name, expected] : per_class) {
    const std::vector<double>& actual = suite.per_class.at(name);
    ASSERT_EQ(actual.size(), expected.size()) << name;
    for (std::size_t k = 0; k < expected.size(); ++k)
      EXPECT_NEAR(actual[k], expected[k], kTolerance) << name << " of class " << k;
  }
}

// Every sample predicted as the other class: confusion [0 2] [2 0], r = p = 2 2.
//   oa = aa = 0, every P/R/F 0; d_o = 4, d_e = 4 - (2*2 + 2*2)/4 = 2: kappa = 1 - 4/2 = -1
//   (po = 0, pe = 1/2: (0 - 1/2)/(1 - 1/2) = -1).
TEST(SinglelabelMetrics, PerfectlyWrongClassifierHasKappaMinusOne) {
  const at::Tensor scores = matrix({0.1, 0.9, 0.2, 0.8, 0.7, 0.3, 0.6, 0.4}, 2);
  const auto m = compute_singlelabel_metrics(scores, classes({0, 0, 1, 1})).scalars;
  EXPECT_NEAR(m.at("kappa"), -1.0, kTolerance);
  for (const char* name : {"oa", "aa", "precision_macro", "recall_macro", "f1_macro"})
    EXPECT_NEAR(m.at(name), 0.0, kTolerance) << name;
}

// Three classes, each predicted as the next: po = 0, pe = 3 (1*1)/9 = 1/3,
// kappa = (0 - 1/3)/(2/3) = -1/2 (d_o = 3, d_e = 3 - 3/3 = 2: 1 - 3/2).
TEST(SinglelabelMetrics, CyclicallyWrongClassifierHasKappaMinusOneHalf) {
  const at::Tensor scores = matrix({0.1, 0.8, 0.1, 0.1, 0.1, 0.8, 0.8, 0.1, 0.1}, 3);
  EXPECT_NEAR(compute_singlelabel_metrics(scores, classes({0, 1, 2})).scalars.at("kappa"), -0.5,
              kTolerance);
}

TEST(SinglelabelMetrics, PerfectClassifierHasKappaOne) {
  const at::Tensor scores = matrix({0.9, 0.1, 0.2, 0.8, 0.3, 0.7}, 2);
  const auto m = compute_singlelabel_metrics(scores, classes({0, 1, 1})).scalars;
  for (const char* name : {"oa", "aa", "kappa", "precision_macro", "recall_macro", "f1_macro"})
    EXPECT_NEAR(m.at(name), 1.0, kTolerance) << name;
}

// Every target and every prediction is class 0: chance agreement is certain (d_e = 0), so kappa
// is undefined (NaN, as in sklearn). oa = aa = 1; class 1 counts 0 in the macro means: 1/2.
TEST(SinglelabelMetrics, KappaIsNanWhenOneClassIsEverything) {
  const auto m =
      compute_singlelabel_metrics(matrix({0.9, 0.1, 0.6, 0.4}, 2), classes({0, 0})).scalars;
  EXPECT_TRUE(std::isnan(m.at("kappa")));
  EXPECT_NEAR(m.at("oa"), 1.0, kTolerance);
  EXPECT_NEAR(m.at("aa"), 1.0, kTolerance);
  EXPECT_NEAR(m.at("f1_macro"), 0.5, kTolerance);
}

TEST(SinglelabelMetrics, AcceptFloatScoresAndInt32Targets) {
  const at::Tensor scores = torch::tensor({0.2f, 0.8f, 0.6f, 0.4f}).reshape({2, 2});
  const at::Tensor targets = torch::tensor({1, 0}, torch::kInt);
  EXPECT_NEAR(compute_singlelabel_metrics(scores, targets).scalars.at("oa"), 1.0, kTolerance);
}

TEST(SinglelabelMetrics, RejectBadTargets) {
  const at::Tensor scores = matrix({0.2, 0.8, 0.6, 0.4}, 2);
  try {
    compute_singlelabel_metrics(scores, classes({1, 2}));
    FAIL() << "class index 2 of 2 classes was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.problem(), "sample 1 has class index 2, outside [0, 2)");
  }
  EXPECT_THROW(compute_singlelabel_metrics(scores, classes({0, -1})), Error);
  EXPECT_THROW(compute_singlelabel_metrics(scores, classes({0, 1, 1})), Error);
  EXPECT_THROW(compute_singlelabel_metrics(scores, matrix({0, 1, 1, 0}, 2)), Error)
      << "one-hot targets";
  EXPECT_THROW(compute_singlelabel_metrics(scores, torch::tensor({0.0, 1.0})), Error)
      << "floating-point indices";
  EXPECT_THROW(compute_singlelabel_metrics(torch::zeros({0, 2}), classes({})), Error);
}

}  // namespace
}  // namespace eorun
