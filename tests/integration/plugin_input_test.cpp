// Bad input that SDK 2's declarations catch before anything runs (a model whose groups miss or
// double a parameter, a value outside its bounds, a list of the wrong element type): a clear
// error, exit 2, nothing recorded. And a run on the synthetic dataset, which reads no file.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using test::CommandResult;
using test::run_eorun;

const std::filesystem::path kTinyModel =
    std::filesystem::path(EORUN_FIXTURE_PLUGIN_DIR) / "fixture_tiny_model.so";

// A run of the synthetic dataset with `model` and `extra` TOML lines per section.
std::filesystem::path write_config(const std::filesystem::path& dir, const std::string& model,
                                   const std::string& dataset_extra = "bands = 3\n",
                                   const std::string& train_extra = "") {
  const std::filesystem::path path = dir / "run.toml";
  std::ofstream(path) << "[dataset]\nplugin = \"synthetic\"\nsize = 16\ntrain = 48\n"
                      << "val = 16\ntest = 16\nclasses = 5\n" << dataset_extra << "\n[model]\n"
                      << model << "\n[loss]\nplugin = \"bce\"\n\n[train]\nepochs = 1\n"
                      << "batch_size = 16\nthreads = 1\n" << train_extra;
  return path;
}

// The command failed as bad input: exit 2, `message` said, nothing recorded or written.
void expect_refused(const CommandResult& result, const test::TempDir& dir,
                    const std::string& message) {
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_NE(result.err.find(message), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "eorun.db")) << "nothing is recorded";
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "runs")) << "no bundle is written";
}

TEST(PluginInput, ARunOnTheSyntheticDatasetCompletes) {
  test::TempDir dir;
  const auto config = write_config(dir.path(), "plugin = \"shortcnn\"\ninput_size = 16\n");
  const CommandResult run = run_eorun({"run", config.string(), "--no-progress"}, dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const CommandResult shown = run_eorun({"query", "--best", "f1_macro", "--format", "json"}, dir.path());
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const nlohmann::json runs = nlohmann::json::parse(shown.out).at("runs");
  ASSERT_EQ(runs.size(), 1u) << shown.out;
  const nlohmann::json& best = runs[0];
  EXPECT_EQ(best.at("spec").at("dataset").at("plugin"), "synthetic") << shown.out;
  EXPECT_EQ(best.at("status"), "completed");
  // What SDK 2 adds to the record: the input groups and the train split's class counts.
  const std::string id = best.at("run_id").get<std::string>();
  const nlohmann::json record = nlohmann::json::parse(
      run_eorun({"show", id, "--format", "json"}, dir.path()).out);
  const nlohmann::json& data = record.at("data");
  EXPECT_EQ(data.at("inputs"), nlohmann::json::parse(
                                   R"([{"name": "synthetic", "bands": ["b1", "b2", "b3"],
                                        "resolution_m": 10.0, "shape": [3, 16, 16]}])"));
  EXPECT_EQ(data.at("class_counts").at("samples"), 48);
  std::int64_t positives = 0;
  for (const auto& count : data.at("class_counts").at("per_class")) positives += count.get<std::int64_t>();
  EXPECT_GE(positives, 48) << "every multi-label sample has 1 to 3 classes";
  EXPECT_LE(positives, 3 * 48);
}

TEST(PluginInput, AModelWhoseGroupsMissOrDoubleAParameterIsRefused) {
  test::TempDir dir;
  const auto missing = write_config(dir.path(), "plugin = \"tiny_model\"\ngroups = \"missing\"\n");
  expect_refused(run_eorun({"--plugin-path", kTinyModel.string(), "run", missing.string()}, dir.path()),
                 dir, "model plugin 'tiny_model': its groups (head) miss 2 parameters: stem.weight, "
                      "stem.bias; Model::groups() must return");
  const auto doubled = write_config(dir.path(), "plugin = \"tiny_model\"\ngroups = \"doubled\"\n");
  expect_refused(run_eorun({"--plugin-path", kTinyModel.string(), "run", doubled.string()}, dir.path()),
                 dir, "its groups hold 2 tensors twice: stem.weight (stem and head), stem.bias (stem and head)");
}

TEST(PluginInput, AValueOutsideItsBoundsNamesTheBound) {
  test::TempDir dir;
  const auto config = write_config(dir.path(), "plugin = \"shortcnn\"\ninput_size = 2\n",
                                   "bands = 3\nnoise = -1\n", "lr = 0\n");
  const CommandResult run = run_eorun({"run", config.string()}, dir.path());
  expect_refused(run, dir, "eorun: error: model.input_size: 2 is below the minimum 4; use a value in [4, inf)");
  EXPECT_NE(run.err.find("eorun: error: dataset.noise: -1.0 is below the minimum 0; use a value in [0, inf)"),
            std::string::npos) << "every problem at once:\n" << run.err;
  EXPECT_NE(run.err.find("eorun: error: train.lr: 0.0 must be greater than 0; use a value in (0, inf)"),
            std::string::npos) << run.err;
}

TEST(PluginInput, AListOfTheWrongElementTypeIsRefused) {
  test::TempDir dir;
  const auto config = write_config(dir.path(), "plugin = \"shortcnn\"\ninput_size = 16\n",
                                   "bands = [\"B02\", 8]\n");
  expect_refused(run_eorun({"run", config.string()}, dir.path()), dir,
                 "eorun: error: dataset.bands: expected an integer or a list of strings, got list "
                 "[\"B02\",8] (element 2 is integer 8)");
}

}  // namespace
}  // namespace eorun
