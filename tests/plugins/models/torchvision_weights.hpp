// Parity with torchvision for the model plugin tests: run torchvision_reference.py (with Debian's
// Python, EORUN_TEST_PYTHON), read what Python's torch.save wrote, list a module's state-dict keys
// in torchvision's order, start a built plugin's model from a weights file exactly as a run with
// model.pretrained = "file:PATH" starts (exec/starting_model), and compare its logits with
// torchvision's.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <torch/serialize.h>
#include <torch/torch.h>

#include "eorun/model.hpp"
#include "exec/starting_model.hpp"
#include "plugins/catalogue.hpp"
#include "spec/run_spec.hpp"
#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"

namespace eorun::test {

// Largest absolute difference allowed between eorun's and torchvision's float32 logits.
inline constexpr double kLogitsTolerance = 1e-4;

inline const char* const kTorchvisionRemedy =
    "run scripts/install-deps.sh (it installs python3-torch and python3-torchvision)";

// BigEarthNet's twelve Sentinel-2 bands in their channel order: the bands of the `logits`
// reference.
inline const std::vector<std::string> kTwelveBands = {"B01", "B02", "B03", "B04", "B05", "B06",
                                                      "B07", "B08", "B8A", "B09", "B11", "B12"};
// The classes of the `logits` reference.
inline constexpr std::int64_t kReferenceClasses = 19;

// Runs tests/plugins/models/torchvision_reference.py with `args` in `cwd`; a missing Python,
// torch or torchvision fails, naming the remedy.
inline void run_torchvision_reference(const std::vector<std::string>& args,
                                      const std::filesystem::path& cwd) {
  ASSERT_TRUE(std::filesystem::exists(EORUN_TEST_PYTHON))
      << EORUN_TEST_PYTHON << " not found; " << kTorchvisionRemedy;
  std::vector<std::string> command = {std::string(EORUN_SOURCE_DIR) +
                                      "/tests/plugins/models/torchvision_reference.py"};
  command.insert(command.end(), args.begin(), args.end());
  const CommandResult run = run_program(EORUN_TEST_PYTHON, command, cwd);
  ASSERT_EQ(run.exit_code, 0) << "torchvision_reference.py failed:\n"
                              << run.out << run.err << kTorchvisionRemedy;
}

// What Python's torch.save wrote to `file` when it is not a dict (a tensor).
inline c10::IValue load_torch_save(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
  return torch::pickle_load(bytes);
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

// tests/plugins/models/data/<model>_keys.txt, written by `torchvision_reference.py keys <model>`:
// torchvision's state_dict keys, one a line.
inline std::vector<std::string> torchvision_keys(const std::string& model) {
  std::ifstream in(std::filesystem::path(EORUN_SOURCE_DIR) / "tests" / "plugins" / "models" /
                   "data" / (model + "_keys.txt"));
  std::vector<std::string> keys;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) keys.push_back(line);
  return keys;
}

// The model of the built plugin `plugin` (its [model] parameters in `params`) for one input group
// of `bands` with side x side patches and `classes` classes, started from `file` as a run with
// model.pretrained = "file:FILE" and model.pretrained_bands = bands starts, weights copied.
inline StartingModel start_from_file(const std::string& plugin, nlohmann::json params,
                                     const std::vector<std::string>& bands,
                                     std::int64_t classes, std::int64_t side,
                                     const std::filesystem::path& file) {
  Catalogue catalogue;
  for (const std::string& name : {plugin, std::string("synthetic"), std::string("bce")}) {
    const auto refused =
        catalogue.load(std::filesystem::path(EORUN_BINARY_DIR) / "plugins" / (name + ".so"));
    if (refused) throw std::runtime_error(refused->message);
  }
  params["plugin"] = plugin;
  params["pretrained"] = "file:" + file.string();
  params["pretrained_bands"] = bands;
  const nlohmann::json user = {
      {"dataset",
       {{"plugin", "synthetic"}, {"bands", bands}, {"classes", classes}, {"size", side},
        {"normalize", "none"}}},
      {"model", params},
      {"loss", {{"plugin", "bce"}}}};
  const RunSpec spec = resolve_run_spec(user, catalogue);
  DatasetInfo info;
  for (std::int64_t c = 0; c < classes; ++c) info.class_names.push_back("class_" + std::to_string(c));
  info.inputs = {{"x", bands, 10.0, {static_cast<std::int64_t>(bands.size()), side, side}}};
  return make_starting_model(spec, info, catalogue, nullptr, /*copy=*/true);
}

// The file covered the model exactly: nothing missing or left over, the head loaded, every band's
// filters copied by name.
inline void expect_loaded_exactly(const StartingModel& start, const std::vector<std::string>& bands) {
  ASSERT_TRUE(start.lineage && start.lineage->file);
  const Lineage& lineage = *start.lineage;
  EXPECT_EQ(lineage.file->missing, std::vector<std::string>{});
  EXPECT_EQ(lineage.file->unexpected, std::vector<std::string>{});
  EXPECT_EQ(lineage.file->key_prefix, "");
  EXPECT_FALSE(lineage.head_reinitialised);
  EXPECT_EQ(lineage.tensors_loaded,
            static_cast<std::int64_t>(state_dict_keys(*start.model->module()).size()));
  ASSERT_TRUE(lineage.band_adaptation);
  EXPECT_EQ(lineage.band_adaptation->copied, bands);
  EXPECT_EQ(lineage.band_adaptation->filled, std::vector<std::string>{});
}

// `model`'s eval-mode logits on the `input.pt` in `reference` are within kLogitsTolerance of its
// `logits.pt`.
inline void expect_reference_logits(Model& model, const std::filesystem::path& reference) {
  const at::Tensor x = load_torch_save(reference / "input.pt").toTensor();
  const at::Tensor expected = load_torch_save(reference / "logits.pt").toTensor();
  model.module()->eval();
  torch::NoGradGuard no_grad;
  const at::Tensor logits = model.forward({x});
  ASSERT_EQ(logits.sizes(), expected.sizes());
  EXPECT_LE((logits - expected).abs().max().item<double>(), kLogitsTolerance)
      << "eorun:\n" << logits << "\ntorchvision:\n" << expected;
}

// Runs `torchvision_reference.py logits <torchvision_model>` (12 bands, 19 classes, a fixed
// seed), starts the plugin's model from the state_dict.pt it wrote through model.pretrained =
// "file:" and expects the file to cover the model exactly and the model's eval-mode logits on the
// script's batch to be torchvision's.
inline void expect_torchvision_logits(const std::string& plugin, const nlohmann::json& params,
                                      const std::string& torchvision_model) {
  TempDir dir;
  run_torchvision_reference({"logits", torchvision_model, "reference"}, dir.path());
  if (::testing::Test::HasFatalFailure()) return;
  const std::filesystem::path reference = dir.path() / "reference";
  const at::Tensor x = load_torch_save(reference / "input.pt").toTensor();
  const StartingModel start = start_from_file(plugin, params, kTwelveBands, kReferenceClasses,
                                              x.size(2), reference / "state_dict.pt");
  expect_loaded_exactly(start, kTwelveBands);
  expect_reference_logits(*start.model, reference);
}

}  // namespace eorun::test
