#include "train/model_groups.hpp"

#include <map>
#include <set>

#include <torch/nn/module.h>

#include "eorun/error.hpp"

namespace eorun {

namespace {

constexpr std::size_t kNamesShown = 5;
constexpr const char* kRemedy =
    "Model::groups() must return the model's submodules from input to output so that every "
    "parameter is in exactly one group; fix the model plugin";

bool valid_group_name(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < kNamesShown; ++i)
    out += (i == 0 ? "" : ", ") + names[i];
  if (names.size() > kNamesShown) out += " and " + std::to_string(names.size() - kNamesShown) + " more";
  return out;
}

using TensorKey = const void*;
TensorKey key_of(const at::Tensor& tensor) { return tensor.unsafeGetTensorImpl(); }

// Which group holds each tensor of one kind (parameters or buffers); fills each group's names.
struct Coverage {
  std::map<TensorKey, std::string> name_in_model;  // tensor -> its name in module()
  std::map<TensorKey, std::size_t> group_of;       // tensor -> index of the first group holding it
  std::vector<std::string> doubled;                // "conv1.weight (stem and body)"
  std::vector<std::string> foreign;                // group names holding tensors not in module()
};

template <typename NamedTensors>
void cover(Coverage& coverage, const NamedTensors& in_model, std::vector<CheckedGroup>& groups,
           bool parameters) {
  for (const auto& item : in_model) coverage.name_in_model.emplace(key_of(item.value()), item.key());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    std::set<TensorKey> in_this_group;  // a module listed twice in one group counts once
    for (const auto& module : groups[g].modules) {
      const auto tensors = parameters ? module->named_parameters(/*recurse=*/true)
                                      : module->named_buffers(/*recurse=*/true);
      for (const auto& item : tensors) {
        const TensorKey key = key_of(item.value());
        if (!in_this_group.insert(key).second) continue;
        auto name = coverage.name_in_model.find(key);
        if (name == coverage.name_in_model.end()) {
          coverage.foreign.push_back(groups[g].name);
          continue;
        }
        auto [first, inserted] = coverage.group_of.emplace(key, g);
        if (!inserted) {
          coverage.doubled.push_back(name->second + " (" + groups[first->second].name + " and " +
                                     groups[g].name + ")");
          continue;
        }
        (parameters ? groups[g].parameter_names : groups[g].buffer_names).push_back(name->second);
      }
    }
  }
}

}  // namespace

std::vector<CheckedGroup> checked_groups(Model& model, const std::string& subject) {
  const std::shared_ptr<torch::nn::Module> module = model.module();
  if (!module) throw Error(subject, "module() returned no module", "fix the model plugin");
  std::vector<CheckedGroup> groups;
  std::set<std::string> names;
  for (ModuleGroup& group : model.groups()) {
    if (!valid_group_name(group.name))
      throw Error(subject, "has a group named '" + group.name + "'",
                  "name groups with a-z, 0-9 and _ (e.g. stem, layer1, head)");
    if (!names.insert(group.name).second)
      throw Error(subject, "has two groups named '" + group.name + "'", "give each group its own name");
    for (const auto& m : group.modules)
      if (!m) throw Error(subject, "group '" + group.name + "' holds a null module", kRemedy);
    groups.push_back({group.name, std::move(group.modules), {}, {}});
  }
  if (groups.empty())
    throw Error(subject, "returns no groups",
                "return at least one group (the last one is the head: the layers that depend on "
                "the number of classes)");

  Coverage parameters;
  cover(parameters, module->named_parameters(/*recurse=*/true), groups, /*parameters=*/true);
  Coverage buffers;
  cover(buffers, module->named_buffers(/*recurse=*/true), groups, /*parameters=*/false);

  std::vector<std::string> missing;
  for (const auto& item : module->named_parameters(/*recurse=*/true))
    if (parameters.group_of.count(key_of(item.value())) == 0) missing.push_back(item.key());
  std::string group_list;
  for (const CheckedGroup& g : groups) group_list += (group_list.empty() ? "" : ", ") + g.name;

  if (!missing.empty())
    throw Error(subject,
                "its groups (" + group_list + ") miss " + std::to_string(missing.size()) +
                    " parameter" + (missing.size() == 1 ? "" : "s") + ": " + listed(missing),
                kRemedy);
  std::vector<std::string> doubled = parameters.doubled;
  doubled.insert(doubled.end(), buffers.doubled.begin(), buffers.doubled.end());
  if (!doubled.empty())
    throw Error(subject,
                "its groups hold " + std::to_string(doubled.size()) + " tensor" +
                    (doubled.size() == 1 ? "" : "s") + " twice: " + listed(doubled),
                kRemedy);
  std::vector<std::string> foreign = parameters.foreign;
  foreign.insert(foreign.end(), buffers.foreign.begin(), buffers.foreign.end());
  if (!foreign.empty())
    throw Error(subject,
                "group '" + foreign.front() + "' holds tensors that are not in module()",
                "register every submodule of a group in the model's module()");
  return groups;
}

}  // namespace eorun
