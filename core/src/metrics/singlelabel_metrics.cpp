#include "metrics/singlelabel_metrics.hpp"

#include <limits>
#include <vector>

#include "metrics/class_counts.hpp"
#include "metrics/metric_input.hpp"

namespace eorun {

namespace {

// Index of the highest score of `sample`; the lowest index among ties.
std::size_t predicted_class(const ScoreMatrix& scores, std::size_t sample) {
  std::size_t best = 0;
  for (std::size_t k = 1; k < scores.classes; ++k)
    if (scores.at(sample, k) > scores.at(sample, best)) best = k;
  return best;
}

}  // namespace

MetricSuite compute_singlelabel_metrics(const at::Tensor& scores, const at::Tensor& targets) {
  const ScoreMatrix matrix = score_matrix(scores);
  const std::vector<std::int64_t> truth = class_indices(targets, matrix);
  const std::size_t c = matrix.classes;

  MetricSuite suite;
  suite.confusion.assign(c, std::vector<std::int64_t>(c, 0));
  for (std::size_t i = 0; i < matrix.samples; ++i)
    ++suite.confusion[static_cast<std::size_t>(truth[i])][predicted_class(matrix, i)];

  std::vector<double> true_count(c, 0);       // row sums
  std::vector<double> predicted_count(c, 0);  // column sums
  double correct = 0;
  for (std::size_t t = 0; t < c; ++t)
    for (std::size_t p = 0; p < c; ++p) {
      const auto count = static_cast<double>(suite.confusion[t][p]);
      true_count[t] += count;
      predicted_count[p] += count;
      if (t == p) correct += count;
    }

  std::vector<double>& precision = suite.per_class["precision"];
  std::vector<double>& recall = suite.per_class["recall"];
  std::vector<double>& f1 = suite.per_class["f1"];
  double precision_sum = 0, recall_sum = 0, f1_sum = 0;
  double present_recall_sum = 0, present_classes = 0;
  double chance_agreement = 0;  // sum_k r_k p_k
  for (std::size_t k = 0; k < c; ++k) {
    const auto tp = static_cast<double>(suite.confusion[k][k]);
    const ClassCounts counts{tp, predicted_count[k] - tp, true_count[k] - tp};
    precision.push_back(counts.precision());
    recall.push_back(counts.recall());
    f1.push_back(counts.f_beta(1.0));
    precision_sum += precision.back();
    recall_sum += recall.back();
    f1_sum += f1.back();
    if (true_count[k] > 0) {
      present_recall_sum += recall.back();
      present_classes += 1;
    }
    chance_agreement += true_count[k] * predicted_count[k];
  }

  const double n = static_cast<double>(matrix.samples);
  const double classes = static_cast<double>(c);
  const double chance_disagreement = n - chance_agreement / n;
  suite.scalars = {
      {"oa", correct / n},
      {"aa", present_recall_sum / present_classes},
      {"kappa", chance_disagreement > 0 ? 1 - (n - correct) / chance_disagreement
                                        : std::numeric_limits<double>::quiet_NaN()},
      {"precision_macro", precision_sum / classes},
      {"recall_macro", recall_sum / classes},
      {"f1_macro", f1_sum / classes},
  };
  return suite;
}

}  // namespace eorun
