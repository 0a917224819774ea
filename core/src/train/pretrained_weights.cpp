#include "train/pretrained_weights.hpp"

#include <set>
#include <vector>

#include <torch/nn/module.h>
#include <torch/torch.h>

#include "eorun/error.hpp"
#include "util/shape_text.hpp"

namespace eorun {

namespace {

constexpr std::size_t kNamesShown = 4;


std::string listed(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < kNamesShown; ++i) out += (i ? "; " : "") + items[i];
  if (items.size() > kNamesShown) out += "; and " + std::to_string(items.size() - kNamesShown) + " more";
  return out;
}

std::set<std::string> head_names(const CheckedGroup& head) {
  std::set<std::string> names(head.parameter_names.begin(), head.parameter_names.end());
  names.insert(head.buffer_names.begin(), head.buffer_names.end());
  return names;
}

}  // namespace

std::map<std::string, std::vector<std::int64_t>> tensor_shapes(const torch::nn::Module& module) {
  std::map<std::string, std::vector<std::int64_t>> shapes;
  for (const auto& item : module.named_parameters(/*recurse=*/true))
    shapes.emplace(item.key(), item.value().sizes().vec());
  for (const auto& item : module.named_buffers(/*recurse=*/true))
    shapes.emplace(item.key(), item.value().sizes().vec());
  return shapes;
}

bool head_differs(const std::map<std::string, std::vector<std::int64_t>>& model_shapes,
                  const CheckedGroup& head, const NamedTensors& weights) {
  for (const std::string& name : head_names(head)) {
    const auto found = weights.find(name);
    if (found == weights.end() || found->second.sizes().vec() != model_shapes.at(name)) return true;
  }
  return false;
}

PretrainedLoad check_pretrained_fits(const std::map<std::string, std::vector<std::int64_t>>& model_shapes,
                                     const CheckedGroup& head, const NamedTensors& weights,
                                     bool reinitialise_head, const std::string& source,
                                     PretrainedCoverage coverage) {
  const std::set<std::string> skipped = reinitialise_head ? head_names(head) : std::set<std::string>{};
  std::vector<std::string> missing, wrong_shape, unknown;
  for (const auto& [name, shape] : model_shapes) {
    if (skipped.count(name) != 0) continue;
    auto found = weights.find(name);
    if (found == weights.end()) {
      missing.push_back(name);
      continue;
    }
    const std::vector<std::int64_t> theirs = found->second.sizes().vec();
    if (theirs != shape)
      wrong_shape.push_back(name + " is " + shape_text(theirs) + ", the model needs " + shape_text(shape));
  }
  for (const auto& [name, tensor] : weights)
    if (model_shapes.count(name) == 0 && skipped.count(name) == 0) unknown.push_back(name);
  const char* remedy =
      "pretrained weights must come from the same model plugin with the same parameters (only "
      "the head may differ, when the number of classes does)";
  if (!wrong_shape.empty())
    throw Error(source, std::to_string(wrong_shape.size()) + " tensor(s) do not fit: " + listed(wrong_shape),
                remedy);
  PretrainedLoad load;
  load.head_reinitialised = reinitialise_head;
  load.tensors_loaded = model_shapes.size() - skipped.size() - missing.size();
  if (coverage == PretrainedCoverage::partial) {
    load.missing = std::move(missing);
    load.unexpected = std::move(unknown);
    return load;
  }
  if (!missing.empty())
    throw Error(source, "lacks " + std::to_string(missing.size()) + " tensor(s) the model has: " +
                            listed(missing),
                remedy);
  if (!unknown.empty())
    throw Error(source, "has " + std::to_string(unknown.size()) + " tensor(s) the model lacks: " +
                            listed(unknown),
                remedy);
  return load;
}

PretrainedLoad load_pretrained(torch::nn::Module& module, const CheckedGroup& head,
                               const NamedTensors& weights, bool reinitialise_head,
                               const std::string& source, PretrainedCoverage coverage) {
  PretrainedLoad load = check_pretrained_fits(tensor_shapes(module), head, weights,
                                              reinitialise_head, source, coverage);
  const std::set<std::string> skipped = reinitialise_head ? head_names(head) : std::set<std::string>{};
  load.tensors_loaded = 0;
  torch::NoGradGuard no_grad;
  auto copy_in = [&](const std::string& name, at::Tensor& tensor) {
    const auto found = weights.find(name);
    if (skipped.count(name) != 0 || found == weights.end()) return;
    tensor.copy_(found->second);
    ++load.tensors_loaded;
  };
  for (auto& item : module.named_parameters(/*recurse=*/true)) copy_in(item.key(), item.value());
  for (auto& item : module.named_buffers(/*recurse=*/true)) copy_in(item.key(), item.value());
  return load;
}

}  // namespace eorun
