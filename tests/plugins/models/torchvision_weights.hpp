// Tensors written by Python's torch.save (a dict of name -> tensor, e.g. a state_dict) and copied
// into a LibTorch module by full dotted name, for parity tests against torchvision.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include <torch/nn/module.h>
#include <torch/serialize.h>
#include <torch/utils.h>

#include "eorun/error.hpp"

namespace eorun::torchvision_weights {

using NamedTensors = std::map<std::string, at::Tensor>;

// The dict torch.save wrote to `file` (LibTorch reads the zip format with torch::pickle_load).
inline NamedTensors load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(file.string(), "cannot be opened", "write it with torch.save first");
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
  const c10::IValue value = torch::pickle_load(bytes);
  if (!value.isGenericDict())
    throw Error(file.string(), "holds a " + value.tagKind() + ", not a dict",
                "save a dict of name -> tensor");
  NamedTensors tensors;
  for (const auto& item : value.toGenericDict())
    tensors.emplace(item.key().toStringRef(), item.value().toTensor());
  return tensors;
}

struct CopyReport {
  std::vector<std::string> missing;     // in the module, not in the weights
  std::vector<std::string> unexpected;  // in the weights, not in the module
  std::vector<std::string> mismatched;  // in both, of different shapes (not copied)
  bool complete() const { return missing.empty() && unexpected.empty() && mismatched.empty(); }
};

// Copies every tensor of `weights` into the parameter or buffer of `module` with the same name.
inline CopyReport copy_into(torch::nn::Module& module, const NamedTensors& weights) {
  torch::NoGradGuard no_grad;
  CopyReport report;
  std::map<std::string, bool> used;
  for (const auto& item : weights) used[item.first] = false;
  auto copy = [&](const std::string& name, at::Tensor& tensor) {
    auto found = weights.find(name);
    if (found == weights.end()) {
      report.missing.push_back(name);
      return;
    }
    used[name] = true;
    if (found->second.sizes() != tensor.sizes()) {
      report.mismatched.push_back(name);
      return;
    }
    tensor.copy_(found->second);
  };
  for (auto& item : module.named_parameters(/*recurse=*/true)) copy(item.key(), item.value());
  for (auto& item : module.named_buffers(/*recurse=*/true)) copy(item.key(), item.value());
  for (const auto& [name, was_used] : used)
    if (!was_used) report.unexpected.push_back(name);
  return report;
}

}  // namespace eorun::torchvision_weights
