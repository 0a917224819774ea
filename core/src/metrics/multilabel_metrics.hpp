// The multi-label metric suite: scores [N, C] (sigmoid probabilities), targets [N, C] of 0/1
// (a target > 0.5 is a positive), a decision threshold; a label is predicted when
// score >= threshold.
//
// Every scikit-learn metric here gives sklearn 1.2's number, conventions included:
//  - Per class c, from its counts tp, fp, fn (class_counts.hpp, zero_division=0): precision,
//    recall, F1, F2; a class with no true and no predicted positive scores 0 on all of them.
//  - `_macro`: the plain mean over all C classes, empty classes included (as 0).
//    `_micro`: the same formulas on tp, fp, fn summed over classes.
//    `_samples`: the formulas on each sample's own counts, then the mean over samples; a sample
//    with no true and no predicted label scores 0 (sklearn's zero_division=0), not 1.
//  - map_macro: mean over all C classes of the average precision of the class's column of scores
//    (average_precision.hpp: tied scores form one threshold); a class with no positive target
//    has AP 0 and is counted in the mean (sklearn's average_precision_score, average="macro").
//    map_micro: AP of all N*C (score, target) pairs pooled.
//  - hamming_loss: wrong labels / (N * C). subset_accuracy: share of samples whose predicted label
//    set equals the true one exactly (a sample with no true and no predicted label is exact).
//  - lrap, coverage_error, ranking_loss, one_error: ranking_metrics.hpp.
// Per class: "precision", "recall", "f1", "ap" (C values each).
// O(N C log N) for the APs, O(N C log C) for the rest.
#pragma once

#include <ATen/core/Tensor.h>

#include "metrics/metric_suite.hpp"

namespace eorun {

// Scalars named as metric_names(Task::multi_label). Throws eorun::Error (metric_input.hpp) when
// the shapes differ, are not [N, C], N or C is 0, or a score is not finite.
MetricSuite compute_multilabel_metrics(const at::Tensor& scores, const at::Tensor& targets,
                                       double threshold);

}  // namespace eorun
