#include "train/train_settings.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "eorun/error.hpp"
#include "metrics/metric_suite.hpp"

namespace eorun {

namespace {

// The metrics a run can select its best epoch by: the validation metric suite plus "loss"
// (mean validation loss), as a JSON array for ParamSpec::allowed_json.
const std::string& selection_metrics_json() {
  static const std::string json = [] {
    std::vector<std::string> names = {"auto", "loss"};
    for (Task task : {Task::multi_label, Task::single_label})
      for (const std::string& name : metric_names(task))
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    std::string text;
    for (const std::string& name : names) text += (text.empty() ? "[\"" : ",\"") + name + "\"";
    return text + "]";
  }();
  return json;
}

}  // namespace

void check_device_text(const std::string& device) {
  bool ok = device == "cpu" || device == "cuda";
  const std::string prefix = "cuda:";
  if (!ok && device.rfind(prefix, 0) == 0 && device.size() > prefix.size() && device.size() < prefix.size() + 4) {
    ok = true;
    for (std::size_t i = prefix.size(); i < device.size(); ++i)
      ok = ok && device[i] >= '0' && device[i] <= '9';
  }
  if (!ok)
    throw Error("train.device", "unknown device '" + device + "'",
                "use \"cpu\", \"cuda\" or \"cuda:N\" (N: the GPU's index)");
}

const std::vector<ParamSpec>& train_param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"optimizer", ParamType::string, "\"adam\"",
       "[\"sgd\", \"adam\", \"adamw\", \"rmsprop\", \"adagrad\"]",
       "sgd (momentum, nesterov), adam, adamw (decoupled weight decay), rmsprop, adagrad"},
      ParamSpec{"lr", ParamType::real, "0.001", nullptr, "learning rate"}.greater_than(0),
      ParamSpec{"momentum", ParamType::real, "0.9", nullptr, "momentum of sgd and rmsprop"}
          .at_least(0)
          .less_than(1),
      {"nesterov", ParamType::boolean, "false", nullptr,
       "sgd: Nesterov momentum (needs momentum > 0)"},
      ParamSpec{"weight_decay", ParamType::real, "0.0", nullptr,
                "weight decay (L2 penalty; decoupled for adamw, where 0.01 is usual)"}
          .at_least(0),
      ParamSpec{"beta1", ParamType::real, "0.9", nullptr, "adam, adamw: first moment decay"}
          .at_least(0)
          .less_than(1),
      ParamSpec{"beta2", ParamType::real, "0.999", nullptr, "adam, adamw: second moment decay"}
          .at_least(0)
          .less_than(1),
      ParamSpec{"rmsprop_alpha", ParamType::real, "0.99", nullptr,
                "rmsprop: smoothing of the squared gradient"}
          .at_least(0)
          .less_than(1),
      ParamSpec{"eps", ParamType::real, "1e-08", nullptr,
                "adam, adamw, rmsprop, adagrad: term added to the denominator"}
          .greater_than(0),
      {"scheduler", ParamType::string, "\"none\"", "[\"none\", \"step\", \"cosine\", \"plateau\"]",
       "learning rate per epoch: none, step (step_size, gamma), cosine (warmup_epochs, min_lr), "
       "plateau (plateau_patience, plateau_factor, on the selection metric)"},
      ParamSpec{"step_size", ParamType::integer, "10", nullptr, "step: epochs between decays"}
          .at_least(1),
      ParamSpec{"gamma", ParamType::real, "0.1", nullptr, "step: decay factor"}
          .greater_than(0)
          .at_most(1),
      ParamSpec{"warmup_epochs", ParamType::integer, "0", nullptr,
                "cosine: epochs of linear warm-up from lr / (warmup_epochs + 1) to lr"}
          .at_least(0),
      ParamSpec{"min_lr", ParamType::real, "0.0", nullptr, "cosine: the learning rate it decays to"}
          .at_least(0),
      ParamSpec{"plateau_patience", ParamType::integer, "2", nullptr,
                "plateau: epochs without improvement of the selection metric before a decay"}
          .at_least(0),
      ParamSpec{"plateau_factor", ParamType::real, "0.1", nullptr, "plateau: decay factor"}
          .greater_than(0)
          .less_than(1),
      ParamSpec{"patience", ParamType::integer, "0", nullptr,
                "early stopping: epochs without improvement of the selection metric; 0 = off"}
          .at_least(0),
      {"augment", ParamType::string_list, "[]", "[\"hflip\", \"vflip\", \"rot90\"]",
       "train split only, drawn per (seed, epoch, sample): any of hflip, vflip, rot90"},
      ParamSpec{"clip_grad_norm", ParamType::real, "0.0", nullptr,
                "clip the gradient's total norm to this; 0 = no clipping"}
          .at_least(0),
      ParamSpec{"backbone_lr_scale", ParamType::real, "1.0", nullptr,
                "multiplies the learning rate of every trained group but the head"}
          .greater_than(0),
      {"device", ParamType::string, "\"cpu\"", nullptr,
       "where the model trains: \"cpu\", \"cuda\" or \"cuda:N\""},
      {"amp", ParamType::string, "\"none\"", "[\"none\", \"bf16\", \"fp16\"]",
       "automatic mixed precision on CUDA: none, bf16, fp16 (with dynamic loss scaling)"},
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
      {"selection_metric", ParamType::string, "\"auto\"", selection_metrics_json().c_str(),
       "validation metric that picks the best epoch, early stopping and plateau (loss, *_loss, "
       "*_error: lower is better); auto: f1_macro for multi-label, oa for single-label"},
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
  settings.nesterov = params.get_bool("nesterov");
  settings.weight_decay = params.get_real("weight_decay");
  settings.beta1 = params.get_real("beta1");
  settings.beta2 = params.get_real("beta2");
  settings.rmsprop_alpha = params.get_real("rmsprop_alpha");
  settings.eps = params.get_real("eps");
  settings.scheduler = params.get_string("scheduler");
  settings.step_size = params.get_int("step_size");
  settings.gamma = params.get_real("gamma");
  settings.warmup_epochs = params.get_int("warmup_epochs");
  settings.min_lr = params.get_real("min_lr");
  settings.plateau_patience = params.get_int("plateau_patience");
  settings.plateau_factor = params.get_real("plateau_factor");
  settings.patience = params.get_int("patience");
  settings.augment = params.get_strings("augment");
  settings.clip_grad_norm = params.get_real("clip_grad_norm");
  settings.backbone_lr_scale = params.get_real("backbone_lr_scale");
  settings.device = params.get_string("device");
  settings.amp = params.get_string("amp");
  check_device_text(settings.device);
  if (settings.amp != "none" && settings.device.rfind("cuda", 0) != 0)
    throw Error("train.amp", "'" + settings.amp + "' needs a CUDA device, train.device is '" +
                                 settings.device + "'",
                "set train.device = \"cuda\", or amp = \"none\"");
  settings.epochs = params.get_int("epochs");
  settings.batch_size = params.get_int("batch_size");
  settings.seed = params.get_int("seed");
  settings.threads = params.get_int("threads");
  settings.selection_metric = params.get_string("selection_metric");
  settings.threshold = params.get_real("threshold");
  if (settings.nesterov && settings.optimizer == "sgd" && settings.momentum == 0)
    throw Error("train.nesterov", "needs momentum, train.momentum is 0",
                "set train.momentum (e.g. 0.9) or nesterov = false");
  if (settings.scheduler == "cosine" && settings.min_lr > settings.lr)
    throw Error("train.min_lr", "is above train.lr", "set min_lr below the learning rate");
  return settings;
}

}  // namespace eorun
