// End-to-end: bigearthnet's synthetic copy read at native sizes (dataset.resample = "none"), the
// resnet_fusion model trained one epoch on its three resolution groups, the run recorded.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using test::CommandResult;
using test::run_eorun;

class FusionRun : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    const CommandResult synth = run_eorun(
        {"data", "synth", "--dataset", "bigearthnet", "--out", "data", "--patches", "14", "--seed", "6"},
        dir_->path());
    ASSERT_EQ(synth.exit_code, 0) << synth.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static std::filesystem::path write_config(const std::string& name, const std::string& resample,
                                            const std::string& mode) {
    const std::filesystem::path path = dir_->path() / (name + ".toml");
    std::ofstream(path) << "[dataset]\nplugin = \"bigearthnet\"\nroot = \"data\"\nbands = \"ms\"\n"
                        << "classes = 19\nresample = \"" << resample << "\"\n"
                        << "\n[model]\nplugin = \"resnet_fusion\"\nmode = \"" << mode
                        << "\"\ndepth = 18\n\n[loss]\nplugin = \"bce\"\n"
                        << "\n[train]\noptimizer = \"adam\"\nlr = 1e-3\nepochs = 1\nbatch_size = 4\n"
                        << "seed = 1\nthreads = 2\n";
    return path;
  }

  static test::TempDir* dir_;
};

test::TempDir* FusionRun::dir_ = nullptr;

TEST_F(FusionRun, TrainsBothModesOneEpochOnTheNativeResolutionGroups) {
  for (const char* mode : {"intermediate", "late"}) {
    const auto config = write_config(mode, "none", mode);
    const CommandResult run = run_eorun({"run", config.string(), "--no-progress"}, dir_->path());
    ASSERT_EQ(run.exit_code, 0) << mode << "\n" << run.out << run.err;
    EXPECT_NE(run.out.find(": completed"), std::string::npos) << run.out;
  }
  const CommandResult listed = run_eorun({"query", "--top", "all", "--format", "json"}, dir_->path());
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const nlohmann::json runs = nlohmann::json::parse(listed.out).at("runs");
  ASSERT_EQ(runs.size(), 2u) << listed.out;
  for (const nlohmann::json& run : runs) {
    EXPECT_EQ(run.at("status"), "completed");
    const nlohmann::json record = nlohmann::json::parse(
        run_eorun({"show", run.at("run_id").get<std::string>(), "--format", "json"}, dir_->path()).out);
    EXPECT_EQ(record.at("data").at("inputs"), nlohmann::json::parse(R"([
        {"name": "s2_10m", "bands": ["B02", "B03", "B04", "B08"], "resolution_m": 10.0,
         "shape": [4, 120, 120]},
        {"name": "s2_20m", "bands": ["B05", "B06", "B07", "B8A", "B11", "B12"],
         "resolution_m": 20.0, "shape": [6, 60, 60]},
        {"name": "s2_60m", "bands": ["B01", "B09"], "resolution_m": 60.0, "shape": [2, 20, 20]}])"));
    EXPECT_EQ(record.at("data").at("normalisation").at("mean").size(), 12u);
  }
}

TEST_F(FusionRun, OneResampledStackIsRefusedWithTheSettingThatGivesTheGroups) {
  const auto config = write_config("resampled", "10m", "late");
  const CommandResult run = run_eorun({"run", config.string()}, dir_->path());
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.err.find("model resnet_fusion: needs three input groups"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("set dataset.resample = \"none\""), std::string::npos) << run.err;
}

}  // namespace
}  // namespace eorun
