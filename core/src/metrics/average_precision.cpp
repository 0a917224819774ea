#include "metrics/average_precision.hpp"

#include <algorithm>
#include <string>

#include "eorun/error.hpp"

namespace eorun {

double ranked_average_precision(Ranking::const_iterator first, Ranking::const_iterator last) {
  const auto positives = static_cast<double>(
      std::count_if(first, last, [](const ScoredTarget& item) { return item.positive; }));
  if (positives == 0) return 0.0;
  double ap = 0;
  double true_positives = 0;
  double seen = 0;
  double previous_recall = 0;
  for (auto group = first; group != last;) {
    auto end = group;
    for (; end != last && end->score == group->score; ++end) {
      true_positives += end->positive;
      seen += 1;
    }
    const double recall = true_positives / positives;
    ap += (recall - previous_recall) * (true_positives / seen);
    previous_recall = recall;
    group = end;
  }
  return ap;
}

double average_precision(const std::vector<double>& scores, const std::vector<double>& targets) {
  if (scores.size() != targets.size())
    throw Error("metrics",
                "average precision of " + std::to_string(scores.size()) + " scores and " +
                    std::to_string(targets.size()) + " targets",
                "pass one target per score");
  Ranking ranking(scores.size());
  for (std::size_t i = 0; i < scores.size(); ++i) ranking[i] = {scores[i], targets[i] > 0.5};
  std::sort(ranking.begin(), ranking.end(), best_first);
  return ranked_average_precision(ranking.begin(), ranking.end());
}

}  // namespace eorun
