// Label-ranking metrics of a multi-label evaluation: each sample ranks its C labels by score.
//
// For sample i with relevant (positive) labels Y_i, let rank(j) = #{labels k : s_ik >= s_ij}
// (tied labels all take the worst, i.e. highest, rank: sklearn's rankdata "max").
//  - lrap (sklearn's label_ranking_average_precision_score): mean over samples of
//      1/|Y_i| sum_{j in Y_i} #{k in Y_i : s_ik >= s_ij} / rank(j);
//    a sample with no relevant label, or with every label relevant, scores 1.
//  - coverage_error (sklearn's coverage_error): mean over samples of max_{j in Y_i} rank(j),
//    the number of labels with a score >= the lowest relevant score; a sample with no relevant
//    label counts 0 (it is still in the mean).
//  - ranking_loss (sklearn's label_ranking_loss): mean over samples of the share of
//    (relevant, irrelevant) pairs with s_irrelevant >= s_relevant (a tie counts as misordered);
//    a sample whose labels are all relevant or all irrelevant counts 0 (it is still in the mean).
//  - one_error (not in sklearn): share of samples whose top-ranked label is not relevant; among
//    labels tied at the top the lowest class index is taken (argmax); a sample with no relevant
//    label always counts as an error.
// O(N C log C).
#pragma once

#include <cstdint>
#include <vector>

#include "metrics/metric_input.hpp"

namespace eorun {

struct LabelRankingMetrics {
  double lrap = 0;
  double coverage_error = 0;
  double ranking_loss = 0;
  double one_error = 0;
};

// `relevant`: 0/1 per score, row-major in the layout of `scores`.
LabelRankingMetrics label_ranking_metrics(const ScoreMatrix& scores,
                                          const std::vector<std::uint8_t>& relevant);

}  // namespace eorun
