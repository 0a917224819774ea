// Helpers the model plugin tests share: counting parameters, the context a model is made with.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <torch/nn/module.h>

#include "eorun/model.hpp"

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

}  // namespace eorun::test
