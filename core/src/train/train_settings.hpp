// The [train] section: the core's own declared parameters, in the same ParamSpec form as a
// plugin's, so one validator serves both.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eorun/params.hpp"

namespace eorun {

struct TrainSettings {
  std::string optimizer = "adam";  // "adam" | "sgd"
  double lr = 1e-3;
  double momentum = 0.9;           // sgd only
  double weight_decay = 0.0;
  std::int64_t epochs = 2;
  std::int64_t batch_size = 32;
  std::int64_t seed = 1;
  std::int64_t threads = 0;        // 0 in a config means all cores; resolved before the run
  std::string selection_metric = "f1_macro";  // validation metric that picks the best epoch
  double threshold = 0.5;          // multi-label decision threshold for metrics
};

// Declared parameters of [train] (defaults, allowed values, docs).
const std::vector<ParamSpec>& train_param_specs();
TrainSettings train_settings_from(const Params& params);

}  // namespace eorun
