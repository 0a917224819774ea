// `eorun data synth`, `eorun data inspect` and `eorun run` on a synthetic folder table, run as a
// user runs them.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "folder_test_support.hpp"
#include "support/csv_file.hpp"
#include "support/run_eorun.hpp"

namespace eorun::folder {
namespace {

namespace fs = std::filesystem;
using test::CommandResult;
using test::run_eorun;

class FolderCommands : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    single_ = run_eorun({"data", "synth", "--dataset", "folder", "--out", "single", "--patches",
                         "20", "--seed", "4", "--set", "size=32"},
                        dir_->path());
    multi_ = run_eorun(
        {"data", "synth", "--dataset", "folder", "--out", "multi", "--patches", "20", "--seed", "4",
         "--set", "bands=3", "--set", "multi_label=true", "--set", "size=32"},
        dir_->path());
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static CommandResult inspect(const std::string& copy, const std::vector<std::string>& more) {
    std::vector<std::string> args = {"data",     "inspect", "--dataset",
                                     "folder",   "--set",   "csv=" + copy + "/data.csv",
                                     "--format", "json"};
    args.insert(args.end(), more.begin(), more.end());
    return run_eorun(args, dir_->path());
  }

  static test::TempDir* dir_;
  static CommandResult single_;
  static CommandResult multi_;
};
test::TempDir* FolderCommands::dir_ = nullptr;
CommandResult FolderCommands::single_;
CommandResult FolderCommands::multi_;

TEST_F(FolderCommands, SynthSaysHowToReadTheCopy) {
  ASSERT_EQ(single_.exit_code, 0) << single_.err;
  EXPECT_NE(single_.out.find("wrote 20 synthetic folder samples (a CSV table of 4-band GeoTIFF "
                             "files, single-label) to single"),
            std::string::npos)
      << single_.out;
  EXPECT_NE(single_.out.find("  plugin = \"folder\"\n  csv = \"" +
                             (fs::absolute(dir_->path() / "single") / "data.csv").string() +
                             "\"\n  bands = [\"B02\",\"B03\",\"B04\",\"B08\"]\n"),
            std::string::npos)
      << single_.out;
  ASSERT_EQ(multi_.exit_code, 0) << multi_.err;
  EXPECT_NE(multi_.out.find("3-band GeoTIFF, PNG and JPEG files, multi-label"), std::string::npos)
      << multi_.out;
}

TEST_F(FolderCommands, InspectShowsTheTaskTheDataDecides) {
  ASSERT_EQ(single_.exit_code, 0) << single_.err;
  const CommandResult single =
      inspect("single", {"--set", "bands=[\"B02\",\"B03\",\"B04\",\"B08\"]", "--split", "val"});
  ASSERT_EQ(single.exit_code, 0) << single.err;
  const nlohmann::json one = nlohmann::json::parse(single.out);
  EXPECT_EQ(one.at("task"), "single_label");
  EXPECT_EQ(one.at("classes"), (nlohmann::json{"cropland", "forest", "grassland", "urban"}));
  EXPECT_EQ(one.at("input_shapes"), nlohmann::json::parse("[[4, 32, 32]]"));
  const support::CsvTable table =
      support::read_csv(dir_->path() / "single" / "data.csv", true, "csv", "");
  std::vector<std::string> val;
  for (const support::CsvRow& row : table.rows)
    if (row.fields[2] == "val") val.push_back(row.fields[0]);
  ASSERT_EQ(one.at("items").size(), val.size());
  for (std::size_t i = 0; i < val.size(); ++i) EXPECT_EQ(one["items"][i].at("id"), val[i]);

  ASSERT_EQ(multi_.exit_code, 0) << multi_.err;
  const CommandResult multi = inspect("multi", {"--set", "bands=[\"B04\",\"B03\",\"B02\"]"});
  ASSERT_EQ(multi.exit_code, 0) << multi.err;
  const nlohmann::json many = nlohmann::json::parse(multi.out);
  EXPECT_EQ(many.at("task"), "multi_label");
  bool two = false;
  for (const nlohmann::json& item : many.at("items")) two = two || item.at("labels").size() == 2;
  EXPECT_TRUE(two) << multi.out;
}

TEST_F(FolderCommands, BadInputIsReportedWithExitCode2NamingTheFile) {
  ASSERT_EQ(single_.exit_code, 0) << single_.err;
  const CommandResult bands = inspect("single", {"--set", "bands=[\"B04\",\"B03\",\"B02\"]"});
  EXPECT_EQ(bands.exit_code, 2);
  EXPECT_NE(bands.err.find("' has 4 bands, dataset.bands names 3 (B04, B03, B02)"),
            std::string::npos)
      << bands.err;
  const CommandResult classes =
      inspect("single", {"--set", "bands=[\"B02\",\"B03\",\"B04\",\"B08\"]", "--set",
                         "classes=[\"forest\",\"urban\"]"});
  EXPECT_EQ(classes.exit_code, 2);
  EXPECT_NE(classes.err.find("data.csv' line 2: label '"), std::string::npos) << classes.err;
  EXPECT_NE(classes.err.find("' is not in dataset.classes (forest, urban)"), std::string::npos)
      << classes.err;
  const CommandResult missing = run_eorun({"data", "inspect", "--dataset", "folder", "--set",
                                           "csv=nothere.csv", "--set", "bands=[\"a\"]"},
                                          dir_->path());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("eorun: error: csv file '"), std::string::npos) << missing.err;
  EXPECT_NE(missing.err.find("nothere.csv': does not exist"), std::string::npos) << missing.err;
}

TEST_F(FolderCommands, RunsOneEpochSingleAndMultiLabel) {
  ASSERT_EQ(single_.exit_code, 0) << single_.err;
  ASSERT_EQ(multi_.exit_code, 0) << multi_.err;
  const std::vector<std::vector<std::string>> runs = {
      {"single", "[\"B02\",\"B03\",\"B04\",\"B08\"]", "cross_entropy"},
      {"multi", "[\"B04\",\"B03\",\"B02\"]", "bce"}};
  for (const auto& run : runs) {
    const fs::path config = dir_->path() / (run[0] + ".toml");
    std::ofstream(config)
        << "[dataset]\nplugin = \"folder\"\ncsv = \"" << run[0] << "/data.csv\"\nbands = " << run[1]
        << "\n\n[model]\nplugin = \"shortcnn\"\ninput_size = 32\n\n[loss]\nplugin = \"" << run[2]
        << "\"\n\n[train]\nepochs = 1\nbatch_size = 4\nseed = 1\nthreads = 2\n";
    const CommandResult result = run_eorun({"run", config.string(), "--no-progress"}, dir_->path());
    ASSERT_EQ(result.exit_code, 0) << run[0] << "\n" << result.out << result.err;
    EXPECT_NE(result.out.find(": completed"), std::string::npos) << result.out;
  }
}

}  // namespace
}  // namespace eorun::folder
