#include "metrics/metric_suite.hpp"

#include "eorun/error.hpp"

namespace eorun {

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
  throw Error("metrics", "unknown task " + std::to_string(static_cast<std::uint32_t>(task)),
              "use Task::multi_label or Task::single_label");
}

}  // namespace eorun
