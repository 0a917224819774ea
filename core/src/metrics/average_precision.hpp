// Average precision of a ranking: sklearn's average_precision_score for binary targets.
//
// Sort by score, descending. Tied scores form ONE threshold: at each distinct score value s,
// P_n and R_n are the precision and recall of "score >= s". AP = sum_n (R_n - R_{n-1}) P_n with
// R_0 = 0 (the step integral, no interpolation). With no positive target AP is 0 (sklearn 1.2
// warns and sets recall to 1 at every threshold, which gives 0). O(n log n), or O(n) on a ranking
// already sorted.
#pragma once

#include <vector>

namespace eorun {

// One scored item of a ranking: its score and whether its target is positive.
struct ScoredTarget {
  double score = 0;
  bool positive = false;
};
using Ranking = std::vector<ScoredTarget>;

// The order of a ranking, for std::sort and std::merge: higher score first (the order within a
// tie does not matter: a tie is one threshold). A function object, so that sorts inline it.
struct BestFirst {
  bool operator()(const ScoredTarget& a, const ScoredTarget& b) const { return a.score > b.score; }
};
inline constexpr BestFirst best_first{};

// AP of [first, last), sorted best first.
double ranked_average_precision(Ranking::const_iterator first, Ranking::const_iterator last);

// AP of unsorted scores and their 0/1 targets (a target > 0.5 is a positive), of one size.
double average_precision(const std::vector<double>& scores, const std::vector<double>& targets);

}  // namespace eorun
