// Parity with torchvision for the model plugin tests: read what Python's torch.save wrote, list a
// module's state-dict keys in torchvision's order, copy a torchvision state_dict into a LibTorch
// module by name, and compare a model's logits with torchvision's (torchvision_reference_vd.py,
// run with Debian's Python, EORUN_TEST_PYTHON).
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <torch/serialize.h>
#include <torch/torch.h>

#include "eorun/model.hpp"
#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"
#include "weights/pytorch_file.hpp"

namespace eorun::test {

// Largest absolute difference allowed between eorun's and torchvision's float32 logits.
inline constexpr double kLogitsTolerance = 1e-4;

// What Python's torch.save wrote to `file` when it is not a dict (a tensor).
inline c10::IValue load_torch_save(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
  return torch::pickle_load(bytes);
}

// A dict of tensors torch.save wrote (a state dict), read as model.pretrained = "file:" reads it.
inline std::map<std::string, at::Tensor> load_state_dict(const std::filesystem::path& file) {
  return read_pytorch_weights(file).tensors;
}

// Parameter and buffer names in the order of torchvision's state_dict(): a module's own
// parameters, then its own buffers, then each child in registration order.
inline void append_state_dict_keys(const torch::nn::Module& module, const std::string& prefix,
                                   std::vector<std::string>& keys) {
  for (const auto& p : module.named_parameters(/*recurse=*/false)) keys.push_back(prefix + p.key());
  for (const auto& b : module.named_buffers(/*recurse=*/false)) keys.push_back(prefix + b.key());
  for (const auto& child : module.named_children())
    append_state_dict_keys(*child.value(), prefix + child.key() + ".", keys);
}

inline std::vector<std::string> state_dict_keys(const torch::nn::Module& module) {
  std::vector<std::string> keys;
  append_state_dict_keys(module, "", keys);
  return keys;
}

// tests/plugins/models/data/<model>_keys.txt, written by `torchvision_reference_vd.py keys
// <model>`: torchvision's state_dict keys, one a line.
inline std::vector<std::string> torchvision_keys(const std::string& model) {
  std::ifstream in(std::filesystem::path(EORUN_SOURCE_DIR) / "tests" / "plugins" / "models" /
                   "data" / (model + "_keys.txt"));
  std::vector<std::string> keys;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) keys.push_back(line);
  return keys;
}

// Copies every tensor of `state` into the parameter or buffer of the same name. Returns one line
// per mismatch (a name on one side only, a shape that differs): empty when the layouts match one
// to one.
inline std::vector<std::string> copy_state_dict(torch::nn::Module& module,
                                                const std::map<std::string, at::Tensor>& state) {
  torch::NoGradGuard no_grad;
  std::vector<std::string> unmatched;
  std::map<std::string, at::Tensor> targets;
  for (const auto& p : module.named_parameters()) targets.emplace(p.key(), p.value());
  for (const auto& b : module.named_buffers()) targets.emplace(b.key(), b.value());
  for (const auto& [name, target] : targets) {
    const auto source = state.find(name);
    if (source == state.end()) {
      unmatched.push_back("missing from torchvision: " + name);
    } else if (target.sizes() != source->second.sizes()) {
      unmatched.push_back("shape of " + name + ": " + c10::str(target.sizes()) + " here, " +
                          c10::str(source->second.sizes()) + " in torchvision");
    } else {
      target.copy_(source->second);
    }
  }
  for (const auto& entry : state)
    if (targets.count(entry.first) == 0) unmatched.push_back("not in the model: " + entry.first);
  return unmatched;
}

// Runs `torchvision_reference_vd.py logits <torchvision_model>` (12 bands, 19 classes, a fixed
// seed), copies its state_dict into `model` (made for 12 bands and 19 classes) and expects
// model's eval-mode logits on the script's batch ([2, 12, 32, 32]; the script's docstring names
// the exceptions) within kLogitsTolerance of torchvision's. A missing Python, torch or torchvision fails, naming the remedy.
inline void expect_torchvision_logits(Model& model, const std::string& torchvision_model) {
  const char* const remedy =
      "run scripts/install-deps.sh (it installs python3-torch and python3-torchvision)";
  ASSERT_TRUE(std::filesystem::exists(EORUN_TEST_PYTHON))
      << EORUN_TEST_PYTHON << " not found; " << remedy;
  TempDir dir;
  const std::string script = std::string(EORUN_SOURCE_DIR) +
                             "/tests/plugins/models/torchvision_reference_vd.py";
  const CommandResult run = run_program(
      EORUN_TEST_PYTHON, {script, "logits", torchvision_model, "reference"}, dir.path());
  ASSERT_EQ(run.exit_code, 0) << script << " failed:\n" << run.out << run.err << remedy;

  const std::filesystem::path reference = dir.path() / "reference";
  const auto unmatched =
      copy_state_dict(*model.module(), load_state_dict(reference / "state_dict.pt"));
  ASSERT_TRUE(unmatched.empty()) << unmatched.size() << " mismatches, the first: " << unmatched[0];
  const at::Tensor x = load_torch_save(reference / "input.pt").toTensor();
  const at::Tensor expected = load_torch_save(reference / "logits.pt").toTensor();
  model.module()->eval();
  torch::NoGradGuard no_grad;
  const at::Tensor logits = model.forward({x});
  ASSERT_EQ(logits.sizes(), expected.sizes());
  EXPECT_LE((logits - expected).abs().max().item<double>(), kLogitsTolerance)
      << "eorun:\n" << logits << "\ntorchvision:\n" << expected;
}

}  // namespace eorun::test
