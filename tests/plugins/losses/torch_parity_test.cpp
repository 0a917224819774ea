// Parity with PyTorch: tests/plugins/losses/torch_losses.py computes every loss (and its
// gradient) with torch and torchvision on random float64 batches from a fixed seed, some classes
// with no train samples; the built plugins must agree within 1e-5. A missing Python, torch or
// torchvision fails the test, naming scripts/install-deps.sh: a parity check never skips.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "plugins/catalogue.hpp"
#include "spec/param_schema.hpp"

namespace eorun {
namespace {

constexpr double kTolerance = 1e-5;
const char* const kRemedy =
    "run scripts/install-deps.sh (it installs python3-torch and python3-torchvision)";

struct ScriptRun {
  int status = -1;
  std::string output;  // stdout and stderr
};

ScriptRun run_script(const std::filesystem::path& script, const std::filesystem::path& out) {
  const std::string command = std::string("'") + EORUN_TEST_PYTHON + "' '" + script.string() +
                              "' '" + out.string() + "' 2>&1";
  ScriptRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) run.output += buffer;
  const int status = pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

at::Tensor tensor_of(const nlohmann::json& values, at::ScalarType type) {
  if (values.at(0).is_array()) {
    std::vector<at::Tensor> rows;
    for (const nlohmann::json& row : values) rows.push_back(tensor_of(row, type));
    return torch::stack(rows);
  }
  if (type == at::kLong) return torch::tensor(values.get<std::vector<std::int64_t>>(), at::kLong);
  return torch::tensor(values.get<std::vector<double>>(), at::kDouble);
}

LossContext context_of(const nlohmann::json& c) {
  LossContext context;
  context.task = c.at("task") == "multi_label" ? Task::multi_label : Task::single_label;
  context.class_counts = c.at("class_counts").get<std::vector<std::int64_t>>();
  context.num_classes = static_cast<std::int64_t>(context.class_counts.size());
  for (std::int64_t i = 0; i < context.num_classes; ++i)
    context.class_names.push_back("class" + std::to_string(i));
  context.train_samples = c.at("train_samples").get<std::int64_t>();
  return context;
}

TEST(TorchParity, EveryLossMatchesPyTorch) {
  const std::filesystem::path script =
      std::filesystem::path(EORUN_SOURCE_DIR) / "tests" / "plugins" / "losses" / "torch_losses.py";
  ASSERT_TRUE(std::filesystem::exists(EORUN_TEST_PYTHON))
      << EORUN_TEST_PYTHON << " not found; " << kRemedy;
  const std::filesystem::path out = std::filesystem::path(::testing::TempDir()) /
                                    ("eorun-torch-losses-" + std::to_string(getpid()) + ".json");
  const ScriptRun run = run_script(script, out);
  ASSERT_EQ(run.status, 0) << EORUN_TEST_PYTHON << " " << script.string() << " failed:\n"
                           << run.output << kRemedy;
  nlohmann::json reference;
  {
    std::ifstream in(out);
    ASSERT_TRUE(in) << "no output at " << out;
    reference = nlohmann::json::parse(in);
  }
  std::filesystem::remove(out);

  Catalogue catalogue;
  std::set<std::string> covered;
  for (const nlohmann::json& c : reference.at("cases")) {
    const std::string name = c.at("loss");
    SCOPED_TRACE(name + " " + c.at("task").get<std::string>() + " " + c.at("params").dump());
    const auto refused =
        catalogue.load(std::filesystem::path(EORUN_BINARY_DIR) / "plugins" / (name + ".so"));
    ASSERT_FALSE(refused) << refused->message;
    const LoadedPlugin& plugin = catalogue.require(PluginKind::loss, name);
    std::vector<Error> errors;
    const nlohmann::json resolved = resolve_params("loss", c.at("params"), plugin.params, errors);
    ASSERT_TRUE(errors.empty()) << errors.front().what();
    const LossContext context = context_of(c);
    std::shared_ptr<Loss> loss =
        catalogue.make_loss(plugin, to_params(name, resolved, plugin.params), context);

    at::Tensor logits = tensor_of(c.at("logits"), at::kDouble).requires_grad_(true);
    const at::Tensor target =
        tensor_of(c.at("target"), context.task == Task::multi_label ? at::kDouble : at::kLong);
    const at::Tensor value = loss->compute(logits, target);
    value.backward();
    EXPECT_NEAR(value.item<double>(), c.at("value").get<double>(), kTolerance);
    const at::Tensor expected_grad = tensor_of(c.at("grad"), at::kDouble);
    EXPECT_LE((logits.grad() - expected_grad).abs().max().item<double>(), kTolerance);
    covered.insert(name);
  }
  const std::set<std::string> all = {"bce", "weighted_bce", "focal", "asymmetric", "cross_entropy",
                                     "mse"};
  EXPECT_EQ(covered, all) << "torch_losses.py must hold a case for every loss";
}

}  // namespace
}  // namespace eorun
