// Starting a model from weights another model learned: tensors matched by full dotted name and
// shape. The source is the best checkpoint of an earlier run (model.pretrained = "run:<id>") or a
// weights file (model.pretrained = "file:PATH"); exec/starting_model.hpp puts them together.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

#include "train/model_groups.hpp"

namespace eorun {

using NamedTensors = std::map<std::string, at::Tensor>;

struct PretrainedLoad {
  std::size_t tensors_loaded = 0;
  bool head_reinitialised = false;  // the head kept its fresh (seeded) initial weights
  std::vector<std::string> missing;     // partial only: model tensors the source lacks (kept as made)
  std::vector<std::string> unexpected;  // partial only: source tensors the model lacks (ignored)
};

// How strictly the source must cover the model. `exact`: another run of the same model, every
// tensor present. `partial`: a file from elsewhere; tensors missing on either side are allowed
// and reported. In both, a tensor present on both sides with other shapes is an error.
enum class PretrainedCoverage { exact, partial };

// Copies `weights` into `module`'s parameters and buffers. With `reinitialise_head` (the number
// of classes differs from the source's), the tensors of `head` are not loaded and may be absent
// or of another shape in `weights`. Any other mismatch - a tensor of the model missing from
// `weights`, one of another shape, a tensor of `weights` the model does not have - throws
// eorun::Error with subject `source`, listing them, and changes nothing.
PretrainedLoad load_pretrained(torch::nn::Module& module, const CheckedGroup& head,
                               const NamedTensors& weights, bool reinitialise_head,
                               const std::string& source,
                               PretrainedCoverage coverage = PretrainedCoverage::exact);

// The same checks without copying: throws as load_pretrained would, and returns what it would
// load and report. `shapes` names every tensor of the model with its shape.
PretrainedLoad check_pretrained_fits(const std::map<std::string, std::vector<std::int64_t>>& model_shapes,
                                     const CheckedGroup& head, const NamedTensors& weights,
                                     bool reinitialise_head, const std::string& source,
                                     PretrainedCoverage coverage = PretrainedCoverage::exact);

// Whether the head must be re-initialised for `weights` from elsewhere: one of its tensors is
// absent from them or of another shape (another number of classes, or no head at all).
bool head_differs(const std::map<std::string, std::vector<std::int64_t>>& model_shapes,
                  const CheckedGroup& head, const NamedTensors& weights);

// Every parameter and buffer of `module` by full dotted name with its shape.
std::map<std::string, std::vector<std::int64_t>> tensor_shapes(const torch::nn::Module& module);

}  // namespace eorun
