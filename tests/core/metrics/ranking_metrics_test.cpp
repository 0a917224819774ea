#include "metrics/ranking_metrics.hpp"

#include <gtest/gtest.h>

#include "metric_testing.hpp"

namespace eorun {
namespace {

using test::kTolerance;

ScoreMatrix rows_of(std::vector<double> values, std::size_t classes) {
  ScoreMatrix scores;
  scores.classes = classes;
  scores.samples = values.size() / classes;
  scores.values = std::move(values);
  return scores;
}

void expect_metrics(const LabelRankingMetrics& actual, double lrap, double coverage_error,
                    double ranking_loss, double one_error) {
  EXPECT_NEAR(actual.lrap, lrap, kTolerance);
  EXPECT_NEAR(actual.coverage_error, coverage_error, kTolerance);
  EXPECT_NEAR(actual.ranking_loss, ranking_loss, kTolerance);
  EXPECT_NEAR(actual.one_error, one_error, kTolerance);
}

// Four labels; rank(j) = number of labels scoring >= s_j (ties take the highest rank).
// Sample A: scores 0.9 0.5 0.5 0.1, relevant {0, 1}
//   ranks 1, 3, 3, 4.  LRAP: label 0: 1 relevant at or above / rank 1 = 1; label 1: 2 / 3
//   -> (1 + 2/3)/2 = 5/6.  coverage: labels scoring >= 0.5 (lowest relevant) = 3.
//   pairs (relevant, irrelevant): (0,2) (0,3) (1,3) ordered, (1,2) tied -> misordered: 1/4.
//   top: label 0, relevant -> one-error 0.
// Sample B: scores 0.2 0.8 0.8 0.4, nothing relevant: LRAP 1, coverage 0, ranking loss 0,
//   one-error 1 (the top label cannot be relevant).
// Sample C: scores 0.3 0.3 0.6 0.1, all relevant: LRAP 1, coverage 4, ranking loss 0, one-error 0.
// Sample D: scores 0.7 0.7 0.2 0.7, relevant {3}
//   rank(3) = 3 (three labels at 0.7): LRAP 1/3.  coverage 3.
//   pairs (3,0) and (3,1) tied -> misordered, (3,2) ordered: 2/3.
//   top: labels 0, 1, 3 tie; the lowest index, 0, is taken: not relevant -> one-error 1.
TEST(LabelRankingMetrics, MatchAHandComputationPerSample) {
  expect_metrics(label_ranking_metrics(rows_of({0.9, 0.5, 0.5, 0.1}, 4), {1, 1, 0, 0}), 5.0 / 6,
                 3, 0.25, 0);
  expect_metrics(label_ranking_metrics(rows_of({0.2, 0.8, 0.8, 0.4}, 4), {0, 0, 0, 0}), 1, 0, 0, 1);
  expect_metrics(label_ranking_metrics(rows_of({0.3, 0.3, 0.6, 0.1}, 4), {1, 1, 1, 1}), 1, 4, 0, 0);
  expect_metrics(label_ranking_metrics(rows_of({0.7, 0.7, 0.2, 0.7}, 4), {0, 0, 0, 1}), 1.0 / 3,
                 3, 2.0 / 3, 1);
}

// The four samples together: every metric is the mean over all samples, the all-negative and
// all-positive ones included.
//   lrap = (5/6 + 1 + 1 + 1/3)/4 = 19/24;  coverage = (3 + 0 + 4 + 3)/4 = 5/2
//   ranking loss = (1/4 + 0 + 0 + 2/3)/4 = 11/48;  one-error = (0 + 1 + 0 + 1)/4 = 1/2
TEST(LabelRankingMetrics, AverageOverEverySample) {
  const ScoreMatrix scores = rows_of({0.9, 0.5, 0.5, 0.1,  //
                                      0.2, 0.8, 0.8, 0.4,  //
                                      0.3, 0.3, 0.6, 0.1,  //
                                      0.7, 0.7, 0.2, 0.7},
                                     4);
  const std::vector<std::uint8_t> relevant = {1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1};
  expect_metrics(label_ranking_metrics(scores, relevant), 19.0 / 24, 2.5, 11.0 / 48, 0.5);
}

// A tie at the top resolves to the lowest index: sample D with label 0 relevant instead.
//   rank(0) = 3 -> LRAP 1/3; coverage 3; pairs (0,1) (0,3) tied, (0,2) ordered -> 2/3;
//   top = label 0, relevant -> one-error 0.
TEST(LabelRankingMetrics, TopTieGoesToTheLowestIndex) {
  expect_metrics(label_ranking_metrics(rows_of({0.7, 0.7, 0.2, 0.7}, 4), {1, 0, 0, 0}), 1.0 / 3,
                 3, 2.0 / 3, 0);
}

}  // namespace
}  // namespace eorun
