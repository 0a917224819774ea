#include "metrics/ranking_metrics.hpp"

#include <algorithm>
#include <numeric>

namespace eorun {

LabelRankingMetrics label_ranking_metrics(const ScoreMatrix& scores,
                                          const std::vector<std::uint8_t>& relevant) {
  const std::size_t classes = scores.classes;
  double lrap_sum = 0;
  double coverage_sum = 0;
  double ranking_loss_sum = 0;
  double one_errors = 0;
  std::vector<std::size_t> order(classes);
  for (std::size_t i = 0; i < scores.samples; ++i) {
    const double* score = &scores.values[i * classes];
    const std::uint8_t* is_relevant = &relevant[i * classes];
    // Best first; among equal scores the lower index first, so order[0] is the argmax.
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return score[a] > score[b] || (score[a] == score[b] && a < b);
    });
    one_errors += !is_relevant[order[0]];

    const std::size_t relevant_count =
        static_cast<std::size_t>(std::count(is_relevant, is_relevant + classes, 1));
    if (relevant_count == 0) {
      lrap_sum += 1;  // coverage and ranking loss add 0
      continue;
    }
    // Walk the ranking one group of tied scores at a time: after a group, `seen` labels score
    // >= the group's score, `relevant_seen` of them relevant. That is rank(j) and the count of
    // relevant labels ranked at or above j for every label j of the group.
    double precision_sum = 0;
    double misordered_pairs = 0;
    std::size_t seen = 0;
    std::size_t relevant_seen = 0;
    std::size_t coverage = 0;
    while (seen < classes) {
      const double group_score = score[order[seen]];
      std::size_t group_relevant = 0;
      while (seen < classes && score[order[seen]] == group_score)
        group_relevant += is_relevant[order[seen++]];
      if (group_relevant == 0) continue;
      relevant_seen += group_relevant;
      precision_sum += static_cast<double>(group_relevant) * static_cast<double>(relevant_seen) /
                       static_cast<double>(seen);
      misordered_pairs +=
          static_cast<double>(group_relevant) * static_cast<double>(seen - relevant_seen);
      coverage = seen;
    }
    coverage_sum += static_cast<double>(coverage);
    if (relevant_count == classes) {
      lrap_sum += 1;  // the ranking has no meaning; ranking loss adds 0
      continue;
    }
    lrap_sum += precision_sum / static_cast<double>(relevant_count);
    ranking_loss_sum += misordered_pairs / (static_cast<double>(relevant_count) *
                                            static_cast<double>(classes - relevant_count));
  }
  const double samples = static_cast<double>(scores.samples);
  return {lrap_sum / samples, coverage_sum / samples, ranking_loss_sum / samples,
          one_errors / samples};
}

}  // namespace eorun
