// The multi-label metric suite (names as used by the registry and the CLI).
//
// Input: scores [N, C] (sigmoid probabilities), targets [N, C] of 0/1, a decision threshold;
// a label is predicted when score >= threshold.
//
// Conventions (the BigEarthNet reference code's, where sklearn leaves a choice):
//  - Per class c, from its confusion counts tp, fp, fn:
//      precision_c = tp / (tp + fp), 0 when tp + fp = 0
//      recall_c    = tp / (tp + fn), 0 when tp + fn = 0
//      F-beta_c    = (1 + b^2) tp / ((1 + b^2) tp + b^2 fn + fp), 0 when the denominator is 0
//    so a class with no true and no predicted positives counts as 0 in every macro average
//    (sklearn's zero_division=0). `_macro` is the plain mean over all C classes.
//  - `_micro`: the same formulas on tp, fp, fn summed over classes (0 when a denominator is 0).
//  - f1_samples: F1 of each sample's label set (0 for a sample with no true and no predicted
//    label), then the mean over samples.
//  - Average precision on the scores (not thresholded), sklearn's definition: sort by score
//    descending; at each distinct score value (tied scores form ONE threshold) P_n and R_n are
//    precision and recall of "score >= that value"; AP = sum_n (R_n - R_{n-1}) P_n, R_0 = 0.
//    map_macro: mean AP over the classes with at least one positive target (classes without
//    positives have no defined AP and are left out; 0 when no class has a positive).
//    map_micro: AP of all N*C (score, target) pairs pooled (0 when there is no positive).
//  - hamming_loss: wrong labels / (N * C). subset_accuracy: share of samples whose predicted
//    label set equals the true one exactly.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

namespace eorun {

// Names of every metric compute_multilabel_metrics returns, in a fixed order.
const std::vector<std::string>& multilabel_metric_names();

// Throws eorun::Error when the shapes differ, are not [N, C], or N is 0.
std::map<std::string, double> compute_multilabel_metrics(const at::Tensor& scores,
                                                         const at::Tensor& targets,
                                                         double threshold);

// Average precision of one ranking (sklearn's definition above); 0 when there is no positive.
double average_precision(const std::vector<double>& scores, const std::vector<double>& targets);


}  // namespace eorun
