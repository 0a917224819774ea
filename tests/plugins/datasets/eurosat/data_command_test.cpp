// `eorun data synth`, `eorun data inspect`, `eorun run` and the example sweep script, run as a
// user runs them, on a small synthetic EuroSAT.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "eurosat_layout.hpp"
#include "eurosat_test_support.hpp"
#include "support/run_eorun.hpp"

namespace eorun::eurosat {
namespace {

namespace fs = std::filesystem;
using test::CommandResult;
using test::run_eorun;
using test_support::lines_of;

class EuroSatCommands : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    synth_ = run_eorun({"data", "synth", "--dataset", "eurosat", "--out", "synth", "--patches",
                        "30", "--seed", "4"},
                       dir_->path());
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static fs::path root() { return dir_->path() / "synth"; }
  static fs::path write_config(const std::string& name, const std::string& dataset) {
    const fs::path path = dir_->path() / (name + ".toml");
    std::ofstream(path) << "[dataset]\nplugin = \"eurosat\"\nroot = \"synth\"\n"
                        << dataset << "\n[model]\nplugin = \"shortcnn\"\ninput_size = 64\n"
                        << "\n[loss]\nplugin = \"cross_entropy\"\n"
                        << "\n[train]\noptimizer = \"adam\"\nlr = 1e-3\nepochs = 1\n"
                        << "batch_size = 4\nseed = 1\nthreads = 2\n";
    return path;
  }

  static test::TempDir* dir_;
  static CommandResult synth_;
};
test::TempDir* EuroSatCommands::dir_ = nullptr;
CommandResult EuroSatCommands::synth_;

TEST_F(EuroSatCommands, SynthWritesBothLayoutsAndSaysHowToReadThem) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  EXPECT_EQ(synth_.out.rfind("wrote 30 synthetic eurosat samples (EuroSAT MS GeoTIFFs and RGB "
                             "JPEGs) to synth (train 18, val 6, test 6",
                             0),
            0u)
      << synth_.out;
  EXPECT_NE(synth_.out.find("read it with:\n  [dataset]\n  plugin = \"eurosat\"\n  root = \"" +
                            fs::absolute(root()).lexically_normal().string() + "\"\n"),
            std::string::npos)
      << synth_.out;
  EXPECT_TRUE(fs::is_directory(root() / "EuroSAT_MS" / "AnnualCrop"));
  EXPECT_TRUE(fs::is_directory(root() / "EuroSAT_RGB" / "SeaLake"));
  EXPECT_EQ(lines_of(root() / "eurosat-train.txt").size(), 18u);
}

TEST_F(EuroSatCommands, InspectJsonListsBandsClassesAndEverySampleInSplitOrder) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  const CommandResult result = run_eorun({"data", "inspect", "--dataset", "eurosat", "--root",
                                          "synth", "--split", "val", "--format", "json"},
                                         dir_->path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  const std::vector<std::string> listed = lines_of(root() / "eurosat-val.txt");
  EXPECT_EQ(json.at("task"), "single_label");
  EXPECT_EQ(json.at("samples").get<std::size_t>(), listed.size());
  EXPECT_EQ(json.at("bands"), (nlohmann::json{"B01", "B02", "B03", "B04", "B05", "B06", "B07",
                                              "B08", "B8A", "B09", "B10", "B11", "B12"}));
  EXPECT_EQ(json.at("classes"), nlohmann::json(class_names()));
  EXPECT_EQ(json.at("input_shapes"), nlohmann::json::parse("[[13, 64, 64]]"));
  ASSERT_EQ(json.at("items").size(), listed.size());
  for (std::size_t i = 0; i < listed.size(); ++i) {
    const std::string id = listed[i].substr(0, listed[i].size() - 4);
    EXPECT_EQ(json["items"][i].at("id"), id);
    EXPECT_EQ(json["items"][i].at("labels"), nlohmann::json{*class_of_sample(id)});
  }
}

TEST_F(EuroSatCommands, InspectReadsTheRgbLayoutWithTheSameBandNames) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  const CommandResult result =
      run_eorun({"data", "inspect", "--dataset", "eurosat", "--root", "synth", "--set",
                 "format=rgb", "--set", "splits=random", "--limit", "2"},
                dir_->path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("dataset  eurosat (train split, single-label)"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("input    rgb: B04, B03, B02 (10 m, 64x64 px)"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("samples  18"), std::string::npos) << result.out;
}

TEST_F(EuroSatCommands, BadInputIsReportedWithExitCode2NamingTheFile) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  const auto inspect = [&](std::vector<std::string> more) {
    std::vector<std::string> args = {"data", "inspect", "--dataset", "eurosat"};
    args.insert(args.end(), more.begin(), more.end());
    return run_eorun(args, dir_->path());
  };
  const CommandResult missing = inspect({"--root", "nothere"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("eorun: error: dataset.root: folder '"), std::string::npos)
      << missing.err;

  fs::create_directories(dir_->path() / "other" / "BigEarthNet-v1.0");
  const CommandResult other = inspect({"--root", "other"});
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_NE(other.err.find("expected ds/images/remote_sensing/otherDatasets/sentinel_2/tif/ or "
                           "EuroSAT_MS/ with one folder per class; it holds BigEarthNet-v1.0/"),
            std::string::npos)
      << other.err;

  const CommandResult band =
      inspect({"--root", "synth", "--set", "format=rgb", "--set", "bands=[\"B04\",\"B08\"]"});
  EXPECT_EQ(band.exit_code, 2);
  EXPECT_NE(band.err.find("band 'B08' is not in the RGB layout"), std::string::npos) << band.err;

  std::ofstream(dir_->path() / "synth" / "mine.txt") << "Forest_1.jpg\nForest_77.jpg\n";
  const CommandResult sample = inspect({"--root", "synth", "--set", "split_train=mine.txt"});
  EXPECT_EQ(sample.exit_code, 2);
  EXPECT_NE(sample.err.find("split file '" +
                            (fs::absolute(root()) / "mine.txt").lexically_normal().string() +
                            "' line 2: names sample 'Forest_77'"),
            std::string::npos)
      << sample.err;
}

TEST_F(EuroSatCommands, RunsOneEpochOnEachInputAndRecordsTheBands) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  const std::vector<std::pair<std::string, std::vector<std::string>>> inputs = {
      {"format = \"rgb\"\n", {"B04", "B03", "B02"}},
      {"bands = \"ms\"\n",
       {"B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B10", "B11",
        "B12"}}};
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const fs::path config = write_config("run" + std::to_string(i), inputs[i].first);
    const CommandResult run = run_eorun({"run", config.string(), "--no-progress"}, dir_->path());
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    EXPECT_NE(run.out.find(": completed"), std::string::npos) << run.out;
  }
  const CommandResult listed =
      run_eorun({"query", "--top", "all", "--format", "json"}, dir_->path());
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const nlohmann::json runs = nlohmann::json::parse(listed.out).at("runs");
  ASSERT_EQ(runs.size(), 2u) << listed.out;
  std::set<std::vector<std::string>> recorded;
  for (const nlohmann::json& run : runs) {
    const nlohmann::json record = nlohmann::json::parse(
        run_eorun({"show", run.at("run_id").get<std::string>(), "--format", "json"}, dir_->path())
            .out);
    const nlohmann::json& input = record.at("data").at("inputs").at(0);
    recorded.insert(input.at("bands").get<std::vector<std::string>>());
    EXPECT_EQ(input.at("shape").back(), 64);
  }
  EXPECT_EQ(recorded, (std::set<std::vector<std::string>>{inputs[0].second, inputs[1].second}));
}

TEST_F(EuroSatCommands, TheExampleSweepRunsOnASyntheticCopy) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  test::TempDir work;
  std::ofstream(work.path() / "eorun.toml")
      << "[data]\neurosat = \"" << fs::absolute(root()).string() << "\"\n";
  const std::string script = std::string(EORUN_SOURCE_DIR) + "/scripts/eurosat_rgb_vs_ms.lua";
  const CommandResult sweep = run_eorun(
      {"sweep", script, "--set", "train.epochs=1", "--set", "train.threads=2", "--no-progress"},
      work.path());
  ASSERT_EQ(sweep.exit_code, 0) << sweep.out << sweep.err;
  const CommandResult query = run_eorun({"query", "--best", "oa", "--split", "test", "--group-by",
                                         "dataset.format,dataset.bands", "--format", "json"},
                                        work.path());
  ASSERT_EQ(query.exit_code, 0) << query.err;
  // Three inputs (the RGB JPEGs, B04,B03,B02 of the GeoTIFFs, all 13 bands), three seeds each.
  const nlohmann::json ranked = nlohmann::json::parse(query.out);
  std::set<std::pair<std::string, std::string>> inputs;
  for (const nlohmann::json& group : ranked.at("groups")) {
    EXPECT_EQ(group.at("runs"), 3) << group.dump();
    inputs.emplace(group.at("key").at("dataset.format"), group.at("key").at("dataset.bands"));
  }
  EXPECT_EQ(inputs, (std::set<std::pair<std::string, std::string>>{
                        {"rgb", "rgb"}, {"ms", "rgb"}, {"ms", "ms"}}));
}

}  // namespace
}  // namespace eorun::eurosat
