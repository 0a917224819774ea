#include "metrics/multilabel_metrics.hpp"

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "metrics/average_precision.hpp"
#include "metrics/class_counts.hpp"
#include "metrics/metric_input.hpp"
#include "metrics/ranking_metrics.hpp"

namespace eorun {

namespace {

// Sums of precision, recall, F1 and F2 over a set of counts (classes or samples).
struct ScoreSums {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  double f2 = 0;

  void add(const ClassCounts& counts) {
    precision += counts.precision();
    recall += counts.recall();
    f1 += counts.f_beta(1.0);
    f2 += counts.f_beta(2.0);
  }
};

// Adds <metric>_<average> for the four metrics, each sum divided by `count`.
void add_averages(std::map<std::string, double>& scalars, const std::string& average,
                  const ScoreSums& sums, double count) {
  scalars["precision_" + average] = sums.precision / count;
  scalars["recall_" + average] = sums.recall / count;
  scalars["f1_" + average] = sums.f1 / count;
  scalars["f2_" + average] = sums.f2 / count;
}

// Sorts `ranking`, made of sorted runs of `run` items each, by merging neighbouring runs:
// log2(C) linear passes instead of sorting all N C items again.
void merge_sorted_runs(Ranking& ranking, std::size_t run) {
  const std::size_t size = ranking.size();
  for (std::size_t width = run; width < size; width *= 2)
    for (std::size_t start = 0; start + width < size; start += 2 * width) {
      const auto at = [&](std::size_t index) {
        return ranking.begin() + static_cast<std::ptrdiff_t>(index);
      };
      std::inplace_merge(at(start), at(start + width), at(std::min(start + 2 * width, size)),
                         best_first);
    }
}

double mean_of(const std::vector<double>& values) {
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

}  // namespace

MetricSuite compute_multilabel_metrics(const at::Tensor& scores, const at::Tensor& targets,
                                       double threshold) {
  const ScoreMatrix matrix = score_matrix(scores);
  const std::vector<std::uint8_t> relevant = label_indicators(targets, matrix);
  const std::size_t n = matrix.samples;
  const std::size_t c = matrix.classes;

  // Class k's column of scores at [k n, (k + 1) n): sorted, it is the class's ranking for AP;
  // all of them merged are the ranking of map_micro.
  Ranking pooled_ranking(n * c);
  std::vector<ClassCounts> per_class(c);
  ScoreSums sample_sums;
  double exact_matches = 0;
  for (std::size_t i = 0; i < n; ++i) {
    ClassCounts sample;
    for (std::size_t k = 0; k < c; ++k) {
      const bool truth = relevant[i * c + k];
      const double score = matrix.at(i, k);
      pooled_ranking[k * n + i] = {score, truth};
      const bool predicted = score >= threshold;
      const ClassCounts label{double(truth && predicted), double(!truth && predicted),
                              double(truth && !predicted)};
      per_class[k] += label;
      sample += label;
    }
    sample_sums.add(sample);
    exact_matches += (sample.fp == 0 && sample.fn == 0);
  }

  MetricSuite suite;
  ClassCounts pooled_counts;
  ScoreSums class_sums;
  ScoreSums micro;
  std::vector<double>& precision = suite.per_class["precision"];
  std::vector<double>& recall = suite.per_class["recall"];
  std::vector<double>& f1 = suite.per_class["f1"];
  std::vector<double>& ap = suite.per_class["ap"];
  for (std::size_t k = 0; k < c; ++k) {
    const ClassCounts& counts = per_class[k];
    pooled_counts += counts;
    class_sums.add(counts);
    precision.push_back(counts.precision());
    recall.push_back(counts.recall());
    f1.push_back(counts.f_beta(1.0));
    const auto column = pooled_ranking.begin() + static_cast<std::ptrdiff_t>(k * n);
    std::sort(column, column + static_cast<std::ptrdiff_t>(n), best_first);
    ap.push_back(ranked_average_precision(column, column + static_cast<std::ptrdiff_t>(n)));
  }
  micro.add(pooled_counts);
  merge_sorted_runs(pooled_ranking, n);

  const double classes = static_cast<double>(c);
  const double samples = static_cast<double>(n);
  std::map<std::string, double>& scalars = suite.scalars;
  add_averages(scalars, "macro", class_sums, classes);
  add_averages(scalars, "micro", micro, 1.0);
  add_averages(scalars, "samples", sample_sums, samples);
  scalars["map_macro"] = mean_of(ap);
  scalars["map_micro"] = ranked_average_precision(pooled_ranking.begin(), pooled_ranking.end());
  scalars["hamming_loss"] = (pooled_counts.fp + pooled_counts.fn) / (samples * classes);
  scalars["subset_accuracy"] = exact_matches / samples;
  const LabelRankingMetrics label_ranking = label_ranking_metrics(matrix, relevant);
  scalars["lrap"] = label_ranking.lrap;
  scalars["coverage_error"] = label_ranking.coverage_error;
  scalars["ranking_loss"] = label_ranking.ranking_loss;
  scalars["one_error"] = label_ranking.one_error;
  return suite;
}

}  // namespace eorun
