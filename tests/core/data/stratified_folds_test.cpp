// Iterative stratification: on a skewed multi-label data set every class spreads over the folds
// within a stated tolerance (where a random assignment does not), groups never span two folds,
// and the result follows from the seed alone.
#include "data/stratified_folds.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "eorun/error.hpp"

namespace eorun {
namespace {

// 3,000 samples, 8 classes present with probabilities from 60 % down to 0.4 % (a long tail, as
// in BigEarthNet), drawn from a fixed generator.
FoldRequest skewed_request(int folds, std::size_t samples = 3000) {
  const double presence[] = {0.6, 0.3, 0.12, 0.06, 0.03, 0.015, 0.008, 0.004};
  FoldRequest request;
  request.classes = 8;
  request.folds = folds;
  std::mt19937_64 engine(42);
  for (std::size_t i = 0; i < samples; ++i) {
    std::vector<std::int64_t> labels;
    for (std::int64_t k = 0; k < 8; ++k)
      if (static_cast<double>(engine() >> 11) * 0x1.0p-53 < presence[k]) labels.push_back(k);
    request.labels.push_back(labels);
  }
  return request;
}

// The largest distance, over classes and folds, between a fold's count of a class and its ideal
// count (class total / K), in samples.
double worst_count_error(const FoldRequest& request, const std::vector<int>& folds) {
  const auto counts = fold_class_counts(request, folds);
  double worst = 0;
  for (std::size_t k = 0; k < request.classes; ++k) {
    double total = 0;
    for (const auto& fold : counts) total += static_cast<double>(fold[k]);
    for (const auto& fold : counts)
      worst = std::max(worst, std::abs(static_cast<double>(fold[k]) - total / request.folds));
  }
  return worst;
}

TEST(StratifiedFolds, EveryClassOfASkewedMultiLabelSetIsWithinOneSampleOfItsShareInEveryFold) {
  const FoldRequest request = skewed_request(5);
  const std::vector<int> folds = stratified_folds(request);
  ASSERT_EQ(folds.size(), request.labels.size());
  for (int f : folds) ASSERT_TRUE(f >= 0 && f < 5);
  // Stated tolerance: every fold holds each class's total / K samples of it, give or take 1.5.
  EXPECT_LE(worst_count_error(request, folds), 1.5);
  // Fold sizes stay within 2 % of N / K.
  std::vector<int> sizes(5, 0);
  for (int f : folds) ++sizes[static_cast<std::size_t>(f)];
  for (int size : sizes) EXPECT_NEAR(size, 600, 12);

  // The same data assigned at random misses that tolerance: the test can fail.
  std::mt19937_64 engine(7);
  std::vector<int> random(folds.size());
  for (int& f : random) f = static_cast<int>(engine() % 5);
  EXPECT_GT(worst_count_error(request, random), 5.0);
}

TEST(StratifiedFolds, SingleLabelDataIsAStratifiedSplit) {
  FoldRequest request;
  request.classes = 3;
  request.folds = 4;
  for (int i = 0; i < 203; ++i) request.labels.push_back({i % 7 == 0 ? 2 : i % 3 == 0 ? 1 : 0});
  const std::vector<int> folds = stratified_folds(request);
  EXPECT_LE(worst_count_error(request, folds), 1.0);
}

TEST(StratifiedFolds, GroupsNeverSpanTwoFoldsAndStillBalanceClasses) {
  FoldRequest request = skewed_request(5, 2400);
  for (std::size_t i = 0; i < request.labels.size(); ++i)
    request.groups.push_back("scene-" + std::to_string(i / 8));  // 300 scenes of 8 samples
  const std::vector<int> folds = stratified_folds(request);
  std::map<std::string, std::set<int>> folds_of_group;
  for (std::size_t i = 0; i < folds.size(); ++i) folds_of_group[request.groups[i]].insert(folds[i]);
  for (const auto& [group, in] : folds_of_group) EXPECT_EQ(in.size(), 1u) << group;
  // Whole groups move together, so the tolerance grows with the group size (8 here).
  const double error = worst_count_error(request, folds);
  EXPECT_LE(error, 8.0);
  // Whole groups dealt at random miss it.
  std::mt19937_64 engine(7);
  std::map<std::string, int> fold_of_group;
  std::vector<int> random(folds.size());
  for (std::size_t i = 0; i < folds.size(); ++i) {
    auto [it, inserted] = fold_of_group.emplace(request.groups[i], 0);
    if (inserted) it->second = static_cast<int>(engine() % 5);
    random[i] = it->second;
  }
  EXPECT_GT(worst_count_error(request, random), 2 * error);
}

TEST(StratifiedFolds, TheSameSeedGivesTheSameFoldsAndAnotherSeedOthers) {
  FoldRequest request = skewed_request(5, 500);
  const std::vector<int> a = stratified_folds(request);
  EXPECT_EQ(stratified_folds(request), a);
  request.seed = 1;
  EXPECT_NE(stratified_folds(request), a);
}

TEST(StratifiedFolds, RefusesTooFewFoldsOrGroupsAndBadClassIndices) {
  FoldRequest request = skewed_request(1, 10);
  EXPECT_THROW(stratified_folds(request), Error);
  request.folds = 3;
  request.groups = std::vector<std::string>(10, "one scene");
  try {
    stratified_folds(request);
    FAIL() << "one group cannot fill three folds";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("at least as many groups"), std::string::npos) << e.what();
  }
  request.groups.clear();
  request.labels[3] = {8};
  EXPECT_THROW(stratified_folds(request), Error);
}

}  // namespace
}  // namespace eorun
