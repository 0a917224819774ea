#include "train/train_settings.hpp"

#include <string>

#include "metrics/multilabel_metrics.hpp"

namespace eorun {

namespace {

// The metrics a run can select its best epoch by: the validation metric suite plus "loss"
// (mean validation loss), as a JSON array for ParamSpec::allowed_json.
const std::string& selection_metrics_json() {
  static const std::string json = [] {
    std::string text = "[\"loss\"";
    for (const std::string& name : multilabel_metric_names()) text += ",\"" + name + "\"";
    return text + "]";
  }();
  return json;
}

}  // namespace

const std::vector<ParamSpec>& train_param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"optimizer", ParamType::string, "\"adam\"", "[\"adam\",\"sgd\"]",
       "optimizer: adam (with weight_decay) or sgd (with momentum and weight_decay)"},
      ParamSpec{"lr", ParamType::real, "0.001", nullptr, "learning rate"}.greater_than(0),
      ParamSpec{"momentum", ParamType::real, "0.9", nullptr, "sgd momentum (ignored by adam)"}
          .at_least(0),
      ParamSpec{"weight_decay", ParamType::real, "0.0", nullptr,
                "L2 penalty added by the optimizer"}
          .at_least(0),
      ParamSpec{"epochs", ParamType::integer, "2", nullptr, "passes over the train split"}
          .at_least(1),
      ParamSpec{"batch_size", ParamType::integer, "32", nullptr, "samples per optimizer step"}
          .at_least(1),
      {"seed", ParamType::integer, "1", nullptr,
       "seeds every random choice: weight init, data order, augmentation"},
      ParamSpec{"threads", ParamType::integer, "0", nullptr,
                "LibTorch CPU threads, 0 = all cores; results are bitwise repeatable per seed "
                "and thread count"}
          .at_least(0),
      {"selection_metric", ParamType::string, "\"f1_macro\"", selection_metrics_json().c_str(),
       "validation metric that picks the best epoch (loss and *_loss: lower is better)"},
      ParamSpec{"threshold", ParamType::real, "0.5", nullptr,
                "multi-label decision threshold on sigmoid scores"}
          .between(0, 1),
  };
  return specs;
}

TrainSettings train_settings_from(const Params& params) {
  TrainSettings settings;
  settings.optimizer = params.get_string("optimizer");
  settings.lr = params.get_real("lr");
  settings.momentum = params.get_real("momentum");
  settings.weight_decay = params.get_real("weight_decay");
  settings.epochs = params.get_int("epochs");
  settings.batch_size = params.get_int("batch_size");
  settings.seed = params.get_int("seed");
  settings.threads = params.get_int("threads");
  settings.selection_metric = params.get_string("selection_metric");
  settings.threshold = params.get_real("threshold");
  return settings;
}

}  // namespace eorun
