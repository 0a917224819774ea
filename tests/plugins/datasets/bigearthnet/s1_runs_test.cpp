// Sentinel-1 end to end with the real binary: a one-epoch `eorun run` on S1+S2 stacks, and
// scripts/s1_vs_s2.lua (s1 / s2 / s1s2 x seeds) on a synthetic copy with S1 patches.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "bigearthnet_test_support.hpp"
#include "support/run_eorun.hpp"

namespace eorun::bigearthnet {
namespace {

namespace fs = std::filesystem;
using test::CommandResult;
using test::run_eorun;

class S1Runs : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    synth_ = run_eorun({"data", "synth", "--dataset", "bigearthnet", "--out", "data/synth-s1",
                        "--patches", "16", "--seed", "2", "--set", "s1=true"},
                       dir_->path());
    std::ofstream(dir_->path() / "eorun.toml") << "[data]\nsynth_s1 = \"data/synth-s1\"\n";
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static test::TempDir* dir_;
  static CommandResult synth_;
};
test::TempDir* S1Runs::dir_ = nullptr;
CommandResult S1Runs::synth_;

TEST_F(S1Runs, SynthWithS1SaysSo) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  EXPECT_NE(synth_.out.find("(BigEarthNet v1.0 Sentinel-2 and Sentinel-1 layout)"),
            std::string::npos)
      << synth_.out;
  EXPECT_TRUE(fs::is_directory(dir_->path() / "data/synth-s1/BigEarthNet-S1-v1.0"));
}

TEST_F(S1Runs, OneEpochOnS1s2StacksRecordsTheFourteenBands) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  const fs::path config = dir_->path() / "s1s2.toml";
  std::ofstream(config) << "[dataset]\nplugin = \"bigearthnet\"\nroot = \"data/synth-s1\"\n"
                           "bands = \"s1s2\"\nclasses = 19\n"
                           "\n[model]\nplugin = \"shortcnn\"\n\n[loss]\nplugin = \"bce\"\n"
                           "\n[train]\noptimizer = \"adam\"\nlr = 1e-3\nepochs = 1\nbatch_size = 8\n"
                           "seed = 1\nthreads = 2\n";
  const CommandResult run = run_eorun({"run", config.string(), "--no-progress"}, dir_->path());
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find(": completed"), std::string::npos) << run.out;
  fs::path record;
  for (const auto& entry : fs::directory_iterator(dir_->path() / "runs"))
    if (fs::exists(entry.path() / "record.json")) record = entry.path() / "record.json";
  ASSERT_FALSE(record.empty());
  const std::string text = test_support::read_text(record);
  const auto json = nlohmann::json::parse(text);
  EXPECT_EQ(json.at("data").at("band_names"), nlohmann::json(test_support::s1s2())) << text;
  // The manifest holds the S1 files.
  EXPECT_NE(test_support::read_text(record.parent_path() / "manifest.tsv").find("_VV.tif"),
            std::string::npos);
}

TEST_F(S1Runs, TheS1VsS2ScriptRunsItsNineRuns) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  const std::string script = (fs::path(EORUN_SOURCE_DIR) / "scripts" / "s1_vs_s2.lua").string();
  const CommandResult dry = run_eorun({"sweep", script, "--dry-run"}, dir_->path());
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("sweep s1-vs-s2: 9 runs"), std::string::npos) << dry.out;
  for (const char* run : {"dataset.bands=s1 train.seed=3", "dataset.bands=s2 train.seed=1",
                          "dataset.bands=s1s2 train.seed=2"})
    EXPECT_NE(dry.out.find(run), std::string::npos) << run << "\n" << dry.out;

  const CommandResult sweep =
      run_eorun({"sweep", script, "--set", "train.epochs=1", "--set", "train.batch_size=8",
                 "--set", "train.threads=2", "--no-progress"},
                dir_->path());
  ASSERT_EQ(sweep.exit_code, 0) << sweep.out << sweep.err;
  const CommandResult query = run_eorun(
      {"query", "--sweep", "s1-vs-s2", "--group-by", "dataset.bands", "--best", "f1_macro",
       "--format", "json"},
      dir_->path());
  ASSERT_EQ(query.exit_code, 0) << query.err;
  for (const char* bands : {"s1", "s2", "s1s2"})
    EXPECT_NE(query.out.find(std::string("\"") + bands + "\""), std::string::npos)
        << bands << "\n" << query.out;
}

}  // namespace
}  // namespace eorun::bigearthnet
