// End-to-end: the real binary, real plugins, real GeoTIFFs, a real registry.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "registry/registry.hpp"
#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using test::CommandResult;
using test::run_eorun;

class RunCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    CommandResult synth = run_eorun({"data", "synth", "--dataset", "bigearthnet", "--out", "data", "--patches", "40", "--seed", "3"},
                                    dir_->path());
    ASSERT_EQ(synth.exit_code, 0) << synth.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  // A run config: the quickstart's with a tiny model and training, plus `extra` TOML lines
  // appended to the named sections.
  static std::filesystem::path write_config(const std::string& name, const std::string& dataset_extra = "",
                                            const std::string& model_extra = "",
                                            const std::string& train_extra = "",
                                            const std::string& root = "data") {
    const std::filesystem::path path = dir_->path() / (name + ".toml");
    std::ofstream(path) << "[dataset]\nplugin = \"bigearthnet\"\nroot = \"" << root
                        << "\"\nbands = \"rgb\"\nclasses = 19\n" << dataset_extra
                        << "\n[model]\nplugin = \"shortcnn\"\n" << model_extra
                        << "\n[loss]\nplugin = \"bce\"\n"
                        << "\n[train]\noptimizer = \"adam\"\nlr = 1e-3\nepochs = 1\nbatch_size = 16\n"
                        << "seed = 1\nthreads = 2\n" << train_extra;
    return path;
  }

  static std::size_t run_count() {
    if (!std::filesystem::exists(dir_->path() / "eorun.db")) return 0;
    return Registry::open(dir_->path() / "eorun.db").run_count();
  }

  static test::TempDir* dir_;
};

test::TempDir* RunCommand::dir_ = nullptr;

TEST_F(RunCommand, RecordsACompletedRunThatQueryAndShowFind) {
  const auto config = write_config("good", "", "", "", "data");
  CommandResult run = run_eorun({"run", config.string(), "--no-progress"}, dir_->path());
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find(": completed"), std::string::npos) << run.out;

  Registry registry = Registry::open(dir_->path() / "eorun.db");
  ASSERT_GE(registry.completed_run_count(), 1u);
  std::vector<RankedRun> best = registry.best_runs("f1_macro", MetricSplit::val, 1);
  ASSERT_EQ(best.size(), 1u);
  const std::string id = best[0].run_id;
  const std::filesystem::path bundle = dir_->path() / "runs" / id;
  for (const char* file : {"record.json", "spec.json", "env.json", "manifest.tsv", "best.pt", "predictions.csv"})
    EXPECT_TRUE(std::filesystem::exists(bundle / file)) << file;
  const nlohmann::json written = nlohmann::json::parse(test::read_text(bundle / "record.json"));
  EXPECT_EQ(written.at("format"), kRunRecordFormat);
  EXPECT_EQ(*registry.load_record(id), written) << "the registry keeps the record as written";
  const RunRecord record = RunRecord::from_json(written);
  EXPECT_EQ(record.to_json(), written);
  EXPECT_EQ(record.to_json().dump(), written.dump()) << "a record of a real run round-trips exactly";
  EXPECT_EQ(record.status, RunStatus::completed);
  EXPECT_EQ(record.spec.at("train").at("threads"), 2);
  EXPECT_EQ(record.threads, 2);
  ASSERT_TRUE(record.data.has_value());
  EXPECT_EQ(record.data->band_names, (std::vector<std::string>{"B04", "B03", "B02"}));
  EXPECT_EQ(record.plugins.size(), 3u);
  EXPECT_EQ(record.plugins[1].sha256.size(), 64u);
  EXPECT_EQ(record.epochs.size(), 1u);
  EXPECT_FALSE(record.test.empty());
  ASSERT_TRUE(record.best.has_value());
  EXPECT_TRUE(std::filesystem::equivalent(record.best->checkpoint, bundle / "best.pt"));

  CommandResult query = run_eorun({"query", "--best", "f1_macro"}, dir_->path());
  EXPECT_EQ(query.exit_code, 0) << query.err;
  EXPECT_NE(query.out.find(id.substr(0, 12)), std::string::npos) << query.out;

  CommandResult show = run_eorun({"show", id.substr(0, 10), "--format", "json"}, dir_->path());
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(nlohmann::json::parse(show.out).at("run_id"), id);

  CommandResult again = run_eorun({"run", config.string(), "--no-progress"}, dir_->path());
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("already completed"), std::string::npos) << again.out;
  EXPECT_EQ(registry.run_count(), run_count()) << "the same identity is not recorded twice";
}

TEST_F(RunCommand, UnknownPluginListsTheAvailableOnesAndTouchesNothing) {
  const std::size_t before = run_count();
  const auto config = write_config("unknown-plugin");
  std::string text = test::read_text(config);
  text.replace(text.find("\"shortcnn\""), 10, "\"shortcnnn\"");
  std::ofstream(config) << text;
  CommandResult run = run_eorun({"run", config.string()}, dir_->path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("eorun: error: model.plugin: unknown model plugin 'shortcnnn'; available: densenet, efficientnet, inception_v3, resnet, resnet_fusion, shortcnn, vgg"),
            std::string::npos) << run.err;
  EXPECT_EQ(run_count(), before);
}

TEST_F(RunCommand, EveryConfigMistakeIsReportedAtOnce) {
  const std::size_t before = run_count();
  const auto config = write_config("bad-keys", "colour = \"rgb\"\n", "", "lr_rate = 1\n");
  std::string text = test::read_text(config);
  text.replace(text.find("epochs = 1"), 10, "epochs = \"three\"");
  std::ofstream(config) << text;
  CommandResult run = run_eorun({"run", config.string()}, dir_->path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("eorun: error: dataset.colour: unknown key; valid keys of [dataset]:"), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("eorun: error: train.lr_rate: unknown key; valid keys of [train]: optimizer, lr"),
            std::string::npos) << run.err;
  EXPECT_NE(run.err.find("eorun: error: train.epochs: expected an integer, got string \"three\""),
            std::string::npos) << run.err;
  EXPECT_EQ(run_count(), before);
}

TEST_F(RunCommand, MissingDataRootIsBadInput) {
  const std::size_t before = run_count();
  const auto config = write_config("no-root", "", "", "", "no/such/folder");
  CommandResult run = run_eorun({"run", config.string()}, dir_->path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("no/such/folder"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("eorun: error: "), std::string::npos) << run.err;
  EXPECT_EQ(run_count(), before);
}

TEST_F(RunCommand, MissingSplitFileIsBadInput) {
  const std::size_t before = run_count();
  const auto config = write_config("no-split", "split_val = \"missing-val.csv\"\n");
  CommandResult run = run_eorun({"run", config.string()}, dir_->path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("missing-val.csv"), std::string::npos) << run.err;
  EXPECT_EQ(run_count(), before);
}

// This build's LibTorch has no GPU: asking for one is bad input that names what was found.
TEST_F(RunCommand, ACudaDeviceWithoutAGpuIsBadInputNamingWhatWasFound) {
  const std::size_t before = run_count();
  const auto config = write_config("cuda", "", "", "device = \"cuda\"\namp = \"bf16\"\n");
  CommandResult run = run_eorun({"run", config.string()}, dir_->path());
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.err.find("eorun: error: train.device: 'cuda' "), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("LibTorch "), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("use train.device = \"cpu\""), std::string::npos) << run.err;
  EXPECT_EQ(run_count(), before);
}

TEST_F(RunCommand, MissingConfigFileIsBadInput) {
  CommandResult run = run_eorun({"run", "nope.toml"}, dir_->path());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("eorun: error: nope.toml: config file not found"), std::string::npos) << run.err;
}

// `eorun FILE.toml`, as the README spells it, is `eorun run FILE.toml`.
TEST_F(RunCommand, AConfigFileAsTheFirstWordRunsIt) {
  const std::size_t before = run_count();
  write_config("file-first", "", "", "momentum = 0.5\n");
  CommandResult run = run_eorun({"file-first.toml", "--no-progress"}, dir_->path());
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find(": completed"), std::string::npos) << run.out;
  EXPECT_EQ(run_count(), before + 1);
}

TEST_F(RunCommand, CorruptGeoTiffFailsTheRunAndRecordsWhy) {
  // A private copy of the data set with one band file of a training patch overwritten.
  const std::filesystem::path corrupt = dir_->path() / "corrupt-data";
  std::filesystem::copy(dir_->path() / "data", corrupt, std::filesystem::copy_options::recursive);
  std::string first_line;
  std::getline(std::ifstream(corrupt / "bigearthnet-train.csv") >> std::ws, first_line);
  const std::string patch = first_line.substr(0, first_line.find(','));
  const std::filesystem::path band = corrupt / "BigEarthNet-v1.0" / patch / (patch + "_B03.tif");
  std::ofstream(band, std::ios::trunc) << "this is not a GeoTIFF";

  const auto config = write_config("corrupt", "", "", "", "corrupt-data");
  CommandResult run = run_eorun({"run", config.string(), "--no-progress"}, dir_->path());
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find(": failed"), std::string::npos) << run.out;

  Registry registry = Registry::open(dir_->path() / "eorun.db");
  bool found = false;
  for (const auto& entry : std::filesystem::directory_iterator(dir_->path() / "runs")) {
    if (entry.path().filename().string()[0] == '.') continue;
    auto summary = registry.run_summary(entry.path().filename().string());
    if (!summary || summary->status != RunStatus::failed) continue;
    found = true;
    EXPECT_NE(summary->reason.find(patch), std::string::npos) << summary->reason;
    EXPECT_NE(summary->reason.find("_B03.tif"), std::string::npos) << summary->reason;
  }
  EXPECT_TRUE(found) << "the failed run is recorded with its reason";
}

}  // namespace
}  // namespace eorun
