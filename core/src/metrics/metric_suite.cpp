#include "metrics/metric_suite.hpp"

#include <string>

#include "eorun/error.hpp"
#include "metrics/multilabel_metrics.hpp"
#include "metrics/singlelabel_metrics.hpp"

namespace eorun {

namespace {

[[noreturn]] void throw_unknown_task(Task task) {
  throw Error("metrics", "unknown task " + std::to_string(static_cast<std::uint32_t>(task)),
              "use Task::multi_label or Task::single_label");
}

}  // namespace

const std::vector<std::string>& metric_names(Task task) {
  static const std::vector<std::string> multi_label = {
      "precision_macro", "precision_micro", "precision_samples",
      "recall_macro",    "recall_micro",    "recall_samples",
      "f1_macro",        "f1_micro",        "f1_samples",
      "f2_macro",        "f2_micro",        "f2_samples",
      "map_macro",       "map_micro",       "hamming_loss",
      "subset_accuracy", "lrap",            "coverage_error",
      "ranking_loss",    "one_error"};
  static const std::vector<std::string> single_label = {
      "oa", "aa", "kappa", "precision_macro", "recall_macro", "f1_macro"};
  switch (task) {
    case Task::multi_label:
      return multi_label;
    case Task::single_label:
      return single_label;
  }
  throw_unknown_task(task);
}

MetricSuite compute_metric_suite(Task task, const at::Tensor& scores, const at::Tensor& targets,
                                 double threshold) {
  switch (task) {
    case Task::multi_label:
      return compute_multilabel_metrics(scores, targets, threshold);
    case Task::single_label:
      return compute_singlelabel_metrics(scores, targets);
  }
  throw_unknown_task(task);
}

}  // namespace eorun
