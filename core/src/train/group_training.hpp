// Fine-tuning on a model's checked module groups: which groups train, freezing the others for
// real, and proving it.
//
// A frozen group's parameters get requires_grad = false and stay out of the optimizer (so no
// weight decay and no momentum reach them); its modules are put back in eval mode after every
// module()->train(), so batch-norm running statistics do not move. The sha256 of every group's
// parameters and buffers is taken at the start and at the end of training; a frozen group whose
// hash moved fails the run.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "train/model_groups.hpp"
#include "train/optimizer_factory.hpp"

namespace eorun {

// One group as a run records it.
struct GroupState {
  std::string name;
  bool trained = true;
  std::int64_t parameters = 0;  // number of scalar parameters in the group
  std::string start_sha256;     // parameters and buffers when training started
  std::string end_sha256;       // ... and in the weights the run kept (its best checkpoint)
};

class GroupTraining {
 public:
  // `trained[i]` says whether groups[i] trains (see finetune_level.hpp). Freezes the others.
  GroupTraining(std::shared_ptr<torch::nn::Module> module, std::vector<CheckedGroup> groups,
                std::vector<bool> trained);

  // The trainable groups for the optimizer: every group but the head at `backbone_lr_scale`
  // times the learning rate, the head at 1; frozen groups are left out.
  std::vector<TrainableGroup> trainable(double backbone_lr_scale) const;
  // module()->train(), then eval() for every frozen group's modules.
  void enter_train_mode() const;

  // Hash every group now, as its start or end state.
  void record_start();
  void record_end();
  // Frozen groups whose end hash differs from their start hash.
  std::vector<std::string> moved_frozen_groups() const;

  const std::vector<GroupState>& states() const { return states_; }
  std::int64_t parameter_count() const;
  std::int64_t trainable_parameter_count() const;

 private:
  std::string group_sha256(std::size_t index) const;

  std::shared_ptr<torch::nn::Module> module_;
  std::vector<CheckedGroup> groups_;
  std::vector<GroupState> states_;
};

}  // namespace eorun
