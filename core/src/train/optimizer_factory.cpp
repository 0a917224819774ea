#include "train/optimizer_factory.hpp"

#include <torch/optim/adagrad.h>
#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>
#include <torch/optim/rmsprop.h>
#include <torch/optim/sgd.h>

#include "eorun/error.hpp"

namespace eorun {

namespace {

std::vector<const TrainableGroup*> non_empty(const std::vector<TrainableGroup>& groups) {
  std::vector<const TrainableGroup*> out;
  for (const TrainableGroup& group : groups)
    if (!group.parameters.empty()) out.push_back(&group);
  return out;
}

// One optimizer parameter group per trainable group, each with its own options (its own lr).
template <typename Optimizer, typename Options>
std::unique_ptr<torch::optim::Optimizer> make(const std::vector<const TrainableGroup*>& groups,
                                              const Options& options, double lr) {
  std::vector<torch::optim::OptimizerParamGroup> param_groups;
  for (const TrainableGroup* group : groups) {
    auto group_options = std::make_unique<Options>(options);
    group_options->lr(lr * group->lr_scale);
    param_groups.emplace_back(group->parameters, std::move(group_options));
  }
  return std::make_unique<Optimizer>(std::move(param_groups), options);
}

}  // namespace

std::unique_ptr<torch::optim::Optimizer> make_optimizer(const TrainSettings& s,
                                                        const std::vector<TrainableGroup>& all) {
  const std::vector<const TrainableGroup*> groups = non_empty(all);
  if (groups.empty())
    throw Error("model", "has no trainable parameters",
                "check the fine-tuning level: at least the head must train");
  namespace optim = torch::optim;
  if (s.optimizer == "sgd")
    return make<optim::SGD>(groups,
                            optim::SGDOptions(s.lr)
                                .momentum(s.momentum)
                                .nesterov(s.nesterov)
                                .weight_decay(s.weight_decay),
                            s.lr);
  if (s.optimizer == "adam")
    return make<optim::Adam>(groups,
                             optim::AdamOptions(s.lr)
                                 .betas({s.beta1, s.beta2})
                                 .eps(s.eps)
                                 .weight_decay(s.weight_decay),
                             s.lr);
  if (s.optimizer == "adamw")
    return make<optim::AdamW>(groups,
                              optim::AdamWOptions(s.lr)
                                  .betas({s.beta1, s.beta2})
                                  .eps(s.eps)
                                  .weight_decay(s.weight_decay),
                              s.lr);
  if (s.optimizer == "rmsprop")
    return make<optim::RMSprop>(groups,
                                optim::RMSpropOptions(s.lr)
                                    .alpha(s.rmsprop_alpha)
                                    .eps(s.eps)
                                    .momentum(s.momentum)
                                    .weight_decay(s.weight_decay),
                                s.lr);
  if (s.optimizer == "adagrad")
    return make<optim::Adagrad>(
        groups, optim::AdagradOptions(s.lr).eps(s.eps).weight_decay(s.weight_decay), s.lr);
  throw Error("train.optimizer", "unknown optimizer '" + s.optimizer + "'",
              "use one of: sgd, adam, adamw, rmsprop, adagrad");
}

void set_learning_rate(torch::optim::Optimizer& optimizer,
                       const std::vector<TrainableGroup>& all, double lr) {
  const std::vector<const TrainableGroup*> groups = non_empty(all);
  auto& param_groups = optimizer.param_groups();
  for (std::size_t i = 0; i < param_groups.size() && i < groups.size(); ++i)
    param_groups[i].options().set_lr(lr * groups[i]->lr_scale);
}

}  // namespace eorun
