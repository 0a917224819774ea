// The metric suite of an evaluated split. compute_metric_suite is the one entry point for callers
// (the trainer, on the validation split every epoch and on the test split); it hands the work to
// compute_multilabel_metrics or compute_singlelabel_metrics by task.
//
// The names are the ones the registry stores and the CLI ranks by (`eorun query --best f1_macro`).
// Each metric's definition and its conventions for empty classes, label-less samples and tied
// scores are written beside the function that computes it:
//   multilabel_metrics.hpp   precision/recall/F1/F2 (macro, micro, samples), hamming loss,
//                            subset accuracy, mAP (average_precision.hpp)
//   ranking_metrics.hpp      lrap, coverage_error, ranking_loss, one_error
//   singlelabel_metrics.hpp  oa, aa, kappa, precision/recall/F1 macro, confusion matrix
// Every metric scikit-learn defines gives sklearn 1.2's number (tests/core/metrics/
// sklearn_parity_test.cpp checks that on random cases with ties and empty classes).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

#include "eorun/dataset.hpp"

namespace eorun {

struct MetricSuite {
  // Scalar metrics by name: exactly the names metric_names(task) lists.
  std::map<std::string, double> scalars;
  // Per-class values by name, one value per class in class order: "precision", "recall", "f1"
  // for both tasks, and "ap" (average precision) for multi-label.
  std::map<std::string, std::vector<double>> per_class;
  // Single-label only: counts [true class][predicted class], C x C. Empty for multi-label.
  std::vector<std::vector<std::int64_t>> confusion;
};

// The scalar metric names of a task's suite, in a fixed order.
// Multi-label: precision, recall, f1, f2 x macro, micro, samples; map_macro, map_micro,
// hamming_loss, subset_accuracy, lrap, coverage_error, ranking_loss, one_error.
// Single-label: oa, aa, kappa, precision_macro, recall_macro, f1_macro.
const std::vector<std::string>& metric_names(Task task);

// The metric suite of one evaluated split, on the CPU, in double precision.
//  - Task::multi_label: `scores` [N, C] probabilities (sigmoid applied), `targets` [N, C] of 0/1
//    (any numeric type; > 0.5 is a positive); a label is predicted where score >= `threshold`.
//  - Task::single_label: `scores` [N, C] probabilities (softmax applied), `targets` [N] class
//    indices of an integer type; the prediction is the argmax, ties to the lowest class index.
//    `threshold` is not used.
// Throws eorun::Error (subject "metrics") when N or C is 0, a score is not finite, or the targets
// do not fit the scores. Cost: O(N C log N) multi-label, O(N C) single-label.
MetricSuite compute_metric_suite(Task task, const at::Tensor& scores, const at::Tensor& targets,
                                 double threshold);

}  // namespace eorun
