// The single-label metric suite: scores [N, C] (softmax probabilities), targets [N] of class
// indices (an integer type); the prediction is the argmax of a sample's scores, a tie going to
// the lowest class index (numpy's argmax).
//
// With the confusion matrix M (rows = true class, columns = predicted), row sums r_k (true
// samples of class k), column sums p_k (predictions of class k), every metric gives sklearn 1.2's
// number, conventions included:
//  - oa: trace(M) / N (accuracy_score).
//  - Per class (zero_division=0): precision M_kk / p_k, recall M_kk / r_k, F1 = 2PR / (P + R),
//    each 0 when its denominator is 0.
//  - precision_macro, recall_macro, f1_macro: the plain mean over ALL C classes, as sklearn's
//    precision_recall_fscore_support(labels=range(C), average="macro", zero_division=0); a class
//    with no true and no predicted sample counts 0. (Without labels=, sklearn would average only
//    over the classes that occur in the targets or the predictions.)
//  - aa: mean recall over the classes with at least one true sample, sklearn's
//    balanced_accuracy_score; a class never true is left out (only predicted or not at all), so
//    aa differs from recall_macro exactly when a class has no true sample.
//  - kappa: Cohen's kappa (cohen_kappa_score, unweighted): 1 - d_o / d_e with the observed
//    disagreement d_o = N - trace(M) and the chance disagreement d_e = N - sum_k r_k p_k / N.
//    It is NaN when d_e = 0, i.e. every target and every prediction is the same one class (sklearn
//    returns NaN there too); a NaN is never the best epoch.
// Per class: "precision", "recall", "f1" (C values each); `confusion` is M. O(N C).
#pragma once

#include <ATen/core/Tensor.h>

#include "metrics/metric_suite.hpp"

namespace eorun {

// Scalars named as metric_names(Task::single_label). Throws eorun::Error (metric_input.hpp) when
// scores are not [N, C] with N, C >= 1 and finite, or targets are not [N] integer indices in
// [0, C).
MetricSuite compute_singlelabel_metrics(const at::Tensor& scores, const at::Tensor& targets);

}  // namespace eorun
