// What the dataset's task means to training: how logits become scores, what a target is, which
// metric suite judges the scores, and how the truth is written beside the predictions. The one
// place of the trainer that knows the task.
//
//   multi-label   scores = sigmoid(logits); targets [N, C] 0/1; a label is predicted where its
//                 score >= train.threshold
//   single-label  scores = softmax(logits); targets [N] class indices; the prediction is the
//                 argmax (ties to the lowest index)
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

#include "eorun/dataset.hpp"
#include "metrics/metric_suite.hpp"

namespace eorun {

class TaskHead {
 public:
  TaskHead(Task task, std::int64_t num_classes, double threshold);

  Task task() const { return task_; }
  // Scores in [0, 1] from logits [N, C], on the logits' device.
  at::Tensor scores(const at::Tensor& logits) const;
  // A batch's targets as the metric suite reads them, on the CPU: float [N, C] or int64 [N].
  // Throws eorun::Error when the batch's targets do not have the task's shape.
  at::Tensor metric_targets(const at::Tensor& batch_targets) const;
  // The task's metric suite of `scores` against `targets` (both as returned above, concatenated).
  MetricSuite metrics(const at::Tensor& scores, const at::Tensor& targets) const;

  // Writes predictions.csv: `id`, one score column per class, then the truth (one `true:<class>`
  // 0/1 column per class for multi-label; a `true` class-index column for single-label).
  void write_predictions(const std::filesystem::path& path, const std::vector<std::string>& class_names,
                         const std::vector<std::string>& ids, const at::Tensor& scores,
                         const at::Tensor& targets) const;

 private:
  Task task_;
  std::int64_t num_classes_;
  double threshold_;
};

// "loss" and the scalar metrics of the task's suite: what train.selection_metric may name.
std::vector<std::string> selection_metrics(Task task);
// train.selection_metric's default for a task: f1_macro (multi-label), oa (single-label).
std::string default_selection_metric(Task task);
// "multi-label" / "single-label", as messages say it.
std::string task_text(Task task);

}  // namespace eorun
