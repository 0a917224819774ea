// Helpers the model plugin tests share: counting parameters, the contexts a model is made with,
// the message a refusal gives.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <torch/nn/module.h>

#include "eorun/error.hpp"
#include "eorun/model.hpp"
#include "train/model_groups.hpp"

namespace eorun::test {

inline std::int64_t parameter_count(const torch::nn::Module& module) {
  std::int64_t count = 0;
  for (const auto& p : module.parameters()) count += p.numel();
  return count;
}

// One input group of `bands` bands with side x side patches, `classes` classes.
inline ModelContext context_of(std::int64_t bands, std::int64_t classes, std::int64_t side) {
  ModelContext context;
  context.num_classes = classes;
  context.inputs = {{"x", std::vector<std::string>(static_cast<std::size_t>(bands), "b"), 10.0,
                     {bands, side, side}}};
  return context;
}

// context_of(bands, classes, side) plus a second input group (20 m bands), as a multi-resolution
// dataset declares.
inline ModelContext two_group_context_of(std::int64_t bands, std::int64_t classes,
                                         std::int64_t side) {
  ModelContext context = context_of(bands, classes, side);
  context.inputs.push_back({"s2_20m", {"B05", "B06"}, 20.0, {2, side / 2, side / 2}});
  return context;
}

// The names of `groups` in order, and how many parameters they hold together.
struct GroupSummary {
  std::vector<std::string> names;
  std::size_t parameters = 0;
};
inline GroupSummary summary_of(const std::vector<CheckedGroup>& groups) {
  GroupSummary summary;
  for (const CheckedGroup& group : groups) {
    summary.names.push_back(group.name);
    summary.parameters += group.parameter_names.size();
  }
  return summary;
}

// The message of the eorun::Error that `action` throws, or "no error".
inline std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace eorun::test
