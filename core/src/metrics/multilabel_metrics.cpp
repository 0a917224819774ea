#include "metrics/multilabel_metrics.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <sstream>

#include <ATen/ATen.h>

#include "eorun/error.hpp"

namespace eorun {

namespace {

struct Counts {
  double tp = 0;
  double fp = 0;
  double fn = 0;
};

double ratio(double numerator, double denominator) {
  return denominator > 0 ? numerator / denominator : 0.0;
}

double precision(const Counts& c) { return ratio(c.tp, c.tp + c.fp); }
double recall(const Counts& c) { return ratio(c.tp, c.tp + c.fn); }
double f_beta(const Counts& c, double beta) {
  const double b2 = beta * beta;
  return ratio((1 + b2) * c.tp, (1 + b2) * c.tp + b2 * c.fn + c.fp);
}

std::string shape_text(at::IntArrayRef shape) {
  std::ostringstream out;
  out << "[";
  for (std::size_t i = 0; i < shape.size(); ++i) out << (i ? ", " : "") << shape[i];
  out << "]";
  return out.str();
}

}  // namespace

const std::vector<std::string>& multilabel_metric_names() {
  static const std::vector<std::string> names = {
      "f1_macro",        "f1_micro",     "f1_samples",  "f2_macro",
      "precision_macro", "precision_micro", "recall_macro", "recall_micro",
      "map_macro",       "map_micro",    "hamming_loss", "subset_accuracy"};
  return names;
}

double average_precision(const std::vector<double>& scores, const std::vector<double>& targets) {
  const std::size_t n = scores.size();
  const double positives = std::accumulate(targets.begin(), targets.end(), 0.0,
                                           [](double sum, double t) { return sum + (t > 0.5); });
  if (positives == 0) return 0.0;
  std::vector<std::size_t> rank(n);
  std::iota(rank.begin(), rank.end(), std::size_t{0});
  std::stable_sort(rank.begin(), rank.end(),
                   [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  double ap = 0;
  double tp = 0;
  double seen = 0;
  double previous_recall = 0;
  for (std::size_t i = 0; i < n;) {
    // One threshold per distinct score: take the whole group of ties at once.
    std::size_t j = i;
    while (j < n && scores[rank[j]] == scores[rank[i]]) {
      tp += targets[rank[j]] > 0.5;
      seen += 1;
      ++j;
    }
    const double recall_here = tp / positives;
    ap += (recall_here - previous_recall) * (tp / seen);
    previous_recall = recall_here;
    i = j;
  }
  return ap;
}

std::map<std::string, double> compute_multilabel_metrics(const at::Tensor& scores,
                                                         const at::Tensor& targets,
                                                         double threshold) {
  if (scores.dim() != 2 || targets.sizes() != scores.sizes())
    throw Error("metrics",
                "scores " + shape_text(scores.sizes()) + " and targets " +
                    shape_text(targets.sizes()) + " must both be [N, C] of one shape",
                "pass one row of scores and of 0/1 targets per sample");
  const std::int64_t n = scores.size(0);
  const std::int64_t c = scores.size(1);
  if (n == 0 || c == 0)
    throw Error("metrics", "there are no samples or no classes to evaluate",
                "check that the evaluated split is not empty");

  const at::Tensor s = scores.detach().to(at::kCPU, at::kDouble).contiguous();
  const at::Tensor t = targets.detach().to(at::kCPU, at::kDouble).contiguous();
  const double* score = s.data_ptr<double>();
  const double* target = t.data_ptr<double>();

  std::vector<Counts> per_class(static_cast<std::size_t>(c));
  double f1_samples_sum = 0;
  double exact_matches = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    Counts sample;
    for (std::int64_t k = 0; k < c; ++k) {
      const bool truth = target[i * c + k] > 0.5;
      const bool predicted = score[i * c + k] >= threshold;
      Counts& counts = per_class[static_cast<std::size_t>(k)];
      if (truth && predicted) {
        counts.tp += 1;
        sample.tp += 1;
      } else if (predicted) {
        counts.fp += 1;
        sample.fp += 1;
      } else if (truth) {
        counts.fn += 1;
        sample.fn += 1;
      }
    }
    f1_samples_sum += f_beta(sample, 1.0);
    exact_matches += (sample.fp == 0 && sample.fn == 0);
  }

  Counts pooled;
  double f1_sum = 0, f2_sum = 0, precision_sum = 0, recall_sum = 0;
  for (const Counts& counts : per_class) {
    pooled.tp += counts.tp;
    pooled.fp += counts.fp;
    pooled.fn += counts.fn;
    f1_sum += f_beta(counts, 1.0);
    f2_sum += f_beta(counts, 2.0);
    precision_sum += precision(counts);
    recall_sum += recall(counts);
  }

  // Average precision per class with at least one positive, and over all pairs pooled.
  double ap_sum = 0;
  double classes_with_positives = 0;
  std::vector<double> column_scores(static_cast<std::size_t>(n));
  std::vector<double> column_targets(static_cast<std::size_t>(n));
  for (std::int64_t k = 0; k < c; ++k) {
    if (per_class[static_cast<std::size_t>(k)].tp + per_class[static_cast<std::size_t>(k)].fn == 0)
      continue;
    for (std::int64_t i = 0; i < n; ++i) {
      column_scores[static_cast<std::size_t>(i)] = score[i * c + k];
      column_targets[static_cast<std::size_t>(i)] = target[i * c + k];
    }
    ap_sum += average_precision(column_scores, column_targets);
    classes_with_positives += 1;
  }
  const std::vector<double> all_scores(score, score + n * c);
  const std::vector<double> all_targets(target, target + n * c);

  const double classes = static_cast<double>(c);
  const double samples = static_cast<double>(n);
  return {
      {"f1_macro", f1_sum / classes},
      {"f1_micro", f_beta(pooled, 1.0)},
      {"f1_samples", f1_samples_sum / samples},
      {"f2_macro", f2_sum / classes},
      {"precision_macro", precision_sum / classes},
      {"precision_micro", precision(pooled)},
      {"recall_macro", recall_sum / classes},
      {"recall_micro", recall(pooled)},
      {"map_macro", ratio(ap_sum, classes_with_positives)},
      {"map_micro", average_precision(all_scores, all_targets)},
      {"hamming_loss", (pooled.fp + pooled.fn) / (samples * classes)},
      {"subset_accuracy", exact_matches / samples},
  };
}

}  // namespace eorun
