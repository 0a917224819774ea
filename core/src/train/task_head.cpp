#include "train/task_head.hpp"

#include <torch/torch.h>

#include "eorun/error.hpp"
#include "train/predictions_csv.hpp"

namespace eorun {

TaskHead::TaskHead(Task task, std::int64_t num_classes, double threshold)
    : task_(task), num_classes_(num_classes), threshold_(threshold) {}

at::Tensor TaskHead::scores(const at::Tensor& logits) const {
  return task_ == Task::single_label ? torch::softmax(logits.to(at::kFloat), 1)
                                     : torch::sigmoid(logits.to(at::kFloat));
}

at::Tensor TaskHead::metric_targets(const at::Tensor& batch_targets) const {
  const at::Tensor targets = batch_targets.to(at::kCPU);
  if (task_ == Task::single_label) {
    if (targets.dim() != 1 || at::isFloatingType(targets.scalar_type()))
      throw Error("single-label targets", "are " + c10::str(targets.sizes()) + " of " +
                                              std::string(c10::toString(targets.scalar_type())),
                  "a single-label dataset's target is one integer class index per sample");
    return targets.to(at::kLong);
  }
  if (targets.dim() != 2 || targets.size(1) != num_classes_)
    throw Error("multi-label targets", "are " + c10::str(targets.sizes()),
                "a multi-label dataset's target is one 0/1 value per class");
  return targets.to(at::kFloat);
}

MetricSuite TaskHead::metrics(const at::Tensor& scores, const at::Tensor& targets) const {
  return compute_metric_suite(task_, scores, targets, threshold_);
}

void TaskHead::write_predictions(const std::filesystem::path& path,
                                 const std::vector<std::string>& class_names,
                                 const std::vector<std::string>& ids, const at::Tensor& scores,
                                 const at::Tensor& targets) const {
  PredictionTruth truth;
  if (task_ == Task::single_label) {
    truth.columns = {"true"};
    truth.values = targets.to(at::kLong).reshape({-1, 1});
  } else {
    for (const std::string& name : class_names) truth.columns.push_back("true:" + name);
    truth.values = targets.gt(0.5).to(at::kLong);
  }
  write_predictions_csv(path, class_names, ids, scores, truth);
}

std::vector<std::string> selection_metrics(Task task) {
  std::vector<std::string> names = {"loss"};
  for (const std::string& name : metric_names(task)) names.push_back(name);
  return names;
}

std::string default_selection_metric(Task task) {
  return task == Task::single_label ? "oa" : "f1_macro";
}

std::string task_text(Task task) { return task == Task::single_label ? "single-label" : "multi-label"; }

}  // namespace eorun
