#include "metrics/average_precision.hpp"

#include <gtest/gtest.h>

#include "eorun/error.hpp"
#include "metric_testing.hpp"

namespace eorun {
namespace {

using test::kTolerance;

// Tied scores form one threshold: ranked 0.5 (+, -, -) then 0.2 (+), 2 positives.
//   at 0.5: tp 1 of 3, R 1/2 -> 1/2 * 1/3;  at 0.2: tp 2 of 4, R 1 -> 1/2 * 2/4
//   AP = 1/6 + 1/4 = 5/12, whatever the order of the tied samples (not 3/4 when the positive is
//   listed first, nor 5/12 only by luck).
TEST(AveragePrecision, TreatsTiesAsOneThreshold) {
  EXPECT_NEAR(average_precision({0.5, 0.5, 0.5, 0.2}, {1, 0, 0, 1}), 5.0 / 12, kTolerance);
  EXPECT_NEAR(average_precision({0.5, 0.5, 0.5, 0.2}, {0, 0, 1, 1}), 5.0 / 12, kTolerance);
  EXPECT_NEAR(average_precision({0.2, 0.5, 0.5, 0.5}, {1, 0, 1, 0}), 5.0 / 12, kTolerance);
}

TEST(AveragePrecision, EdgeCases) {
  EXPECT_NEAR(average_precision({0.9, 0.1}, {1, 0}), 1.0, kTolerance);
  // Ranked 0.9(-) then 0.1(+): R jumps to 1 at precision 1/2.
  EXPECT_NEAR(average_precision({0.9, 0.1}, {0, 1}), 0.5, kTolerance);
  EXPECT_NEAR(average_precision({0.3, 0.3}, {1, 1}), 1.0, kTolerance);
  EXPECT_NEAR(average_precision({0.9, 0.1}, {0, 0}), 0.0, kTolerance)
      << "no positive: 0, as sklearn";
}

// Every score tied: one threshold at which all 4 samples are predicted, 2 of them positive:
//   R 0 -> 1 at precision 2/4, AP = 1/2 (the positives' share, whatever their order).
TEST(AveragePrecision, AllScoresTiedIsThePositiveShare) {
  EXPECT_NEAR(average_precision({0.5, 0.5, 0.5, 0.5}, {1, 0, 0, 1}), 0.5, kTolerance);
  EXPECT_NEAR(average_precision({0.5, 0.5, 0.5, 0.5}, {0, 0, 1, 1}), 0.5, kTolerance);
}

TEST(AveragePrecision, RejectsTargetsOfAnotherSize) {
  EXPECT_THROW(average_precision({0.5, 0.4}, {1}), Error);
}

}  // namespace
}  // namespace eorun
