// The optimizer a run's [train] settings name, over the parameters that train.
#pragma once

#include <memory>
#include <vector>

#include <ATen/core/Tensor.h>

#include "train/train_settings.hpp"

namespace torch::optim {
class Optimizer;
}

namespace eorun {

// "adam": Adam(lr, weight_decay) with LibTorch's defaults otherwise (betas 0.9/0.999, eps 1e-8).
// "sgd": SGD(lr, momentum, weight_decay), no dampening, no Nesterov.
// Throws eorun::Error for another name or when `parameters` is empty (nothing would train).
std::unique_ptr<torch::optim::Optimizer> make_optimizer(const TrainSettings& settings,
                                                        std::vector<at::Tensor> parameters);

}  // namespace eorun
