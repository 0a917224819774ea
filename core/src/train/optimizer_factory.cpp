#include "train/optimizer_factory.hpp"

#include <torch/optim/adam.h>
#include <torch/optim/sgd.h>

#include "eorun/error.hpp"

namespace eorun {

std::unique_ptr<torch::optim::Optimizer> make_optimizer(const TrainSettings& settings,
                                                        std::vector<at::Tensor> parameters) {
  if (parameters.empty())
    throw Error("model", "has no trainable parameters",
                "check the fine-tuning level: at least the head must train");
  if (settings.optimizer == "adam") {
    return std::make_unique<torch::optim::Adam>(
        std::move(parameters),
        torch::optim::AdamOptions(settings.lr).weight_decay(settings.weight_decay));
  }
  if (settings.optimizer == "sgd") {
    return std::make_unique<torch::optim::SGD>(
        std::move(parameters), torch::optim::SGDOptions(settings.lr)
                                   .momentum(settings.momentum)
                                   .weight_decay(settings.weight_decay));
  }
  throw Error("train.optimizer", "unknown optimizer '" + settings.optimizer + "'",
              "use one of: adam, sgd");
}

}  // namespace eorun
