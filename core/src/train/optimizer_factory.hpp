// The optimizer a run's [train] settings name, over the parameter groups that train.
#pragma once

#include <memory>
#include <vector>

#include <ATen/core/Tensor.h>

#include "train/train_settings.hpp"

namespace torch::optim {
class Optimizer;
}

namespace eorun {

// Parameters that train together at `lr_scale` times the run's learning rate.
struct TrainableGroup {
  std::vector<at::Tensor> parameters;
  double lr_scale = 1.0;
};

// With LibTorch's defaults where [train] sets nothing:
//   "sgd":     SGD(lr, momentum, nesterov, weight_decay), no dampening.
//   "adam":    Adam(lr, betas (beta1, beta2), eps, weight_decay as an L2 penalty).
//   "adamw":   AdamW(lr, betas, eps, weight_decay decoupled).
//   "rmsprop": RMSprop(lr, alpha = rmsprop_alpha, eps, momentum, weight_decay).
//   "adagrad": Adagrad(lr, eps, weight_decay).
// One optimizer parameter group per TrainableGroup (empty groups are left out). Throws
// eorun::Error for another name or when no group holds a parameter (nothing would train).
std::unique_ptr<torch::optim::Optimizer> make_optimizer(const TrainSettings& settings,
                                                        const std::vector<TrainableGroup>& groups);

// Sets each parameter group's learning rate to `lr` times its group's lr_scale (groups in the
// order make_optimizer was given them, empty ones left out).
void set_learning_rate(torch::optim::Optimizer& optimizer, const std::vector<TrainableGroup>& groups,
                       double lr);

}  // namespace eorun
