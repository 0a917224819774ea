// Starting a model from weights another model learned: tensors matched by full dotted name and
// shape. The source today is the best checkpoint of an earlier run (model.pretrained =
// "run:<id>"); any other source (a weights file converted from Python) gives the same map.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include <ATen/core/Tensor.h>

#include "train/model_groups.hpp"

namespace eorun {

using NamedTensors = std::map<std::string, at::Tensor>;

struct PretrainedLoad {
  std::size_t tensors_loaded = 0;
  bool head_reinitialised = false;  // the head kept its fresh (seeded) initial weights
};

// Copies `weights` into `module`'s parameters and buffers. With `reinitialise_head` (the number
// of classes differs from the source's), the tensors of `head` are not loaded and may be absent
// or of another shape in `weights`. Any other mismatch - a tensor of the model missing from
// `weights`, one of another shape, a tensor of `weights` the model does not have - throws
// eorun::Error with subject `source`, listing them, and changes nothing.
PretrainedLoad load_pretrained(torch::nn::Module& module, const CheckedGroup& head,
                               const NamedTensors& weights, bool reinitialise_head,
                               const std::string& source);

// The same checks without copying: throws as load_pretrained would. `shapes` names every tensor
// of the model with its shape.
void check_pretrained_fits(const std::map<std::string, std::vector<std::int64_t>>& model_shapes,
                           const CheckedGroup& head, const NamedTensors& weights,
                           bool reinitialise_head, const std::string& source);

// Every parameter and buffer of `module` by full dotted name with its shape.
std::map<std::string, std::vector<std::int64_t>> tensor_shapes(const torch::nn::Module& module);

}  // namespace eorun
