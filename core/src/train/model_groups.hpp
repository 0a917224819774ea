// A model's module groups (SDK: Model::groups), checked: every parameter of the model is in
// exactly one group, no buffer is in two, names are valid and unique. Fine-tuning builds on the
// checked groups, so a model that breaks the rule is refused before anything runs.
#pragma once

#include <string>
#include <vector>

#include "eorun/model.hpp"

namespace eorun {

struct CheckedGroup {
  std::string name;
  std::vector<std::shared_ptr<torch::nn::Module>> modules;
  std::vector<std::string> parameter_names;  // full dotted names in the model's module()
  std::vector<std::string> buffer_names;
};

// The groups of `model`, input to output (the last one is the head). Throws eorun::Error with
// subject `subject` (e.g. "model plugin 'resnet'") naming the parameters that are in no group or
// in two, the group that holds a tensor foreign to module(), an empty or duplicate group name.
std::vector<CheckedGroup> checked_groups(Model& model, const std::string& subject);

}  // namespace eorun
