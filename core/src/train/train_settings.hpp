// The [train] section: the core's own declared parameters, in the same ParamSpec form as a
// plugin's, so one validator serves both.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eorun/params.hpp"

namespace eorun {

struct TrainSettings {
  // The optimizer: "sgd" | "adam" | "adamw" | "rmsprop" | "adagrad" (see optimizer_factory.hpp).
  std::string optimizer = "adam";
  double lr = 1e-3;
  double momentum = 0.9;           // sgd and rmsprop
  bool nesterov = false;           // sgd
  double weight_decay = 0.0;
  double beta1 = 0.9;              // adam, adamw
  double beta2 = 0.999;            // adam, adamw
  double rmsprop_alpha = 0.99;     // rmsprop: smoothing of the squared gradient
  double eps = 1e-8;               // adam, adamw, rmsprop, adagrad
  // The learning rate per epoch (see lr_schedule.hpp): "none" | "step" | "cosine" | "plateau".
  std::string scheduler = "none";
  std::int64_t step_size = 10;     // step: epochs between decays
  double gamma = 0.1;              // step: decay factor
  std::int64_t warmup_epochs = 0;  // cosine: epochs of linear warm-up before the decay
  double min_lr = 0.0;             // cosine: the learning rate the decay ends at
  std::int64_t plateau_patience = 2;  // plateau: epochs without improvement before a decay
  double plateau_factor = 0.1;        // plateau: decay factor
  std::int64_t patience = 0;       // early stopping: epochs without improvement; 0 = off
  std::vector<std::string> augment;  // any of "hflip", "vflip", "rot90"; train split only
  double clip_grad_norm = 0.0;     // largest gradient norm; 0 = no clipping
  double backbone_lr_scale = 1.0;  // learning rate factor of every trained group but the head
  std::string device = "cpu";      // "cpu", "cuda" or "cuda:N"
  std::string amp = "none";        // CUDA only: "none", "bf16", "fp16"
  std::int64_t epochs = 2;
  std::int64_t batch_size = 32;
  std::int64_t seed = 1;
  std::int64_t threads = 0;        // 0 in a config means all cores; resolved before the run
  // Validation metric that picks the best epoch; "auto": f1_macro (multi-label), oa (single-label).
  std::string selection_metric = "auto";
  double threshold = 0.5;          // multi-label decision threshold for metrics
};

// Declared parameters of [train] (defaults, allowed values, docs).
const std::vector<ParamSpec>& train_param_specs();
TrainSettings train_settings_from(const Params& params);

// Throws eorun::Error unless `device` is "cpu", "cuda" or "cuda:N".
void check_device_text(const std::string& device);

}  // namespace eorun
