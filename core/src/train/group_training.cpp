#include "train/group_training.hpp"

#include <map>

#include <torch/nn/module.h>

#include "train/weights_hash.hpp"

namespace eorun {

GroupTraining::GroupTraining(std::shared_ptr<torch::nn::Module> module,
                             std::vector<CheckedGroup> groups, std::vector<bool> trained)
    : module_(std::move(module)), groups_(std::move(groups)) {
  const auto parameters = module_->named_parameters(/*recurse=*/true);
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    GroupState state;
    state.name = groups_[g].name;
    state.trained = g < trained.size() ? trained[g] : true;
    for (const std::string& name : groups_[g].parameter_names) {
      at::Tensor parameter = parameters[name];
      state.parameters += parameter.numel();
      if (!state.trained) parameter.set_requires_grad(false);
    }
    states_.push_back(std::move(state));
  }
}

std::vector<TrainableGroup> GroupTraining::trainable(double backbone_lr_scale) const {
  const auto parameters = module_->named_parameters(/*recurse=*/true);
  std::vector<TrainableGroup> trainable;
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    if (!states_[g].trained) continue;
    TrainableGroup group;
    group.lr_scale = g + 1 == groups_.size() ? 1.0 : backbone_lr_scale;
    for (const std::string& name : groups_[g].parameter_names)
      group.parameters.push_back(parameters[name]);
    trainable.push_back(std::move(group));
  }
  return trainable;
}

void GroupTraining::enter_train_mode() const {
  module_->train();
  for (std::size_t g = 0; g < groups_.size(); ++g)
    if (!states_[g].trained)
      for (const auto& module : groups_[g].modules) module->eval();
}

std::string GroupTraining::group_sha256(std::size_t index) const {
  const auto parameters = module_->named_parameters(/*recurse=*/true);
  const auto buffers = module_->named_buffers(/*recurse=*/true);
  std::map<std::string, at::Tensor> tensors;
  for (const std::string& name : groups_[index].parameter_names) tensors.emplace(name, parameters[name]);
  for (const std::string& name : groups_[index].buffer_names) tensors.emplace(name, buffers[name]);
  return named_tensors_sha256(tensors);
}

void GroupTraining::record_start() {
  for (std::size_t g = 0; g < groups_.size(); ++g) states_[g].start_sha256 = group_sha256(g);
}

void GroupTraining::record_end() {
  for (std::size_t g = 0; g < groups_.size(); ++g) states_[g].end_sha256 = group_sha256(g);
}

std::vector<std::string> GroupTraining::moved_frozen_groups() const {
  std::vector<std::string> moved;
  for (const GroupState& state : states_)
    if (!state.trained && state.start_sha256 != state.end_sha256) moved.push_back(state.name);
  return moved;
}

std::int64_t GroupTraining::parameter_count() const {
  std::int64_t count = 0;
  for (const GroupState& state : states_) count += state.parameters;
  return count;
}

std::int64_t GroupTraining::trainable_parameter_count() const {
  std::int64_t count = 0;
  for (const GroupState& state : states_)
    if (state.trained) count += state.parameters;
  return count;
}

}  // namespace eorun
