#include "train/train_settings.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "eorun/error.hpp"
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

std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

}  // namespace

const std::vector<ParamSpec>& train_param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"optimizer", ParamType::string, "\"adam\"", "[\"adam\",\"sgd\"]",
       "optimizer: adam (with weight_decay) or sgd (with momentum and weight_decay)"},
      {"lr", ParamType::real, "0.001", nullptr, "learning rate, > 0"},
      {"momentum", ParamType::real, "0.9", nullptr, "sgd momentum, >= 0 (ignored by adam)"},
      {"weight_decay", ParamType::real, "0.0", nullptr, "L2 penalty added by the optimizer, >= 0"},
      {"epochs", ParamType::integer, "2", nullptr, "passes over the train split, >= 1"},
      {"batch_size", ParamType::integer, "32", nullptr, "samples per optimizer step, >= 1"},
      {"seed", ParamType::integer, "1", nullptr,
       "seeds every random choice: weight init, data order, augmentation"},
      {"threads", ParamType::integer, "0", nullptr,
       "LibTorch CPU threads, 0 = all cores; results are bitwise repeatable per seed and thread "
       "count"},
      {"selection_metric", ParamType::string, "\"f1_macro\"", selection_metrics_json().c_str(),
       "validation metric that picks the best epoch (loss and *_loss: lower is better)"},
      {"threshold", ParamType::real, "0.5", nullptr,
       "multi-label decision threshold on sigmoid scores, in [0, 1]"},
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

  if (settings.optimizer != "adam" && settings.optimizer != "sgd")
    throw Error("train.optimizer", "unknown optimizer '" + settings.optimizer + "'",
                "use one of: adam, sgd");
  if (!(settings.lr > 0) || !std::isfinite(settings.lr))
    throw Error("train.lr", "must be a number greater than 0, got " + number_text(settings.lr),
                "set a positive learning rate such as 0.001");
  if (!(settings.momentum >= 0) || !std::isfinite(settings.momentum))
    throw Error("train.momentum", "must be 0 or more, got " + number_text(settings.momentum),
                "set a momentum such as 0.9");
  if (!(settings.weight_decay >= 0) || !std::isfinite(settings.weight_decay))
    throw Error("train.weight_decay",
                "must be 0 or more, got " + number_text(settings.weight_decay),
                "set 0 for none or a small value such as 0.0001");
  if (settings.epochs < 1)
    throw Error("train.epochs", "must be at least 1, got " + std::to_string(settings.epochs),
                "set the number of passes over the train split");
  if (settings.batch_size < 1)
    throw Error("train.batch_size",
                "must be at least 1, got " + std::to_string(settings.batch_size),
                "set a batch size such as 32");
  if (settings.threads < 0)
    throw Error("train.threads", "must be 0 (all cores) or more, got " +
                                     std::to_string(settings.threads),
                "set 0 for all cores or a thread count");
  if (!(settings.threshold >= 0 && settings.threshold <= 1))
    throw Error("train.threshold",
                "must be between 0 and 1, got " + number_text(settings.threshold),
                "set a decision threshold such as 0.5");
  const std::string& metric = settings.selection_metric;
  const auto& names = multilabel_metric_names();
  if (metric != "loss" && std::find(names.begin(), names.end(), metric) == names.end())
    throw Error("train.selection_metric", "unknown metric '" + metric + "'",
                "use one of: " + selection_metrics_json());
  return settings;
}

}  // namespace eorun
