// `eorun data synth` and `eorun data inspect`, run as a user runs them.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "bigearthnet_test_support.hpp"
#include "label_map.hpp"
#include "support/csv_file.hpp"
#include "support/run_eorun.hpp"

namespace eorun::bigearthnet {
namespace {

namespace fs = std::filesystem;
using test::run_eorun;

std::vector<std::string> csv_patches(const fs::path& csv) {
  std::vector<std::string> out;
  std::ifstream in(csv);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line.substr(0, line.find(',')));
  return out;
}

class DataCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    synth_ = run_eorun({"data", "synth", "--dataset", "bigearthnet", "--out", "synth", "--patches", "30", "--seed", "4"},
                       dir_->path());
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static fs::path root() { return dir_->path() / "synth"; }

  static test::TempDir* dir_;
  static test::CommandResult synth_;
};
test::TempDir* DataCommand::dir_ = nullptr;
test::CommandResult DataCommand::synth_;

TEST_F(DataCommand, SynthWritesTheDatasetAndSaysHowToReadIt) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  EXPECT_EQ(synth_.out.rfind("wrote 30 synthetic bigearthnet samples (BigEarthNet v1.0 Sentinel-2 "
                             "layout) to synth (",
                             0),
            0u)
      << synth_.out;
  EXPECT_NE(synth_.out.find("train 18, val 6, test 6"), std::string::npos) << synth_.out;
  EXPECT_EQ(csv_patches(root() / "bigearthnet-train.csv").size(), 18u);
  EXPECT_TRUE(fs::is_directory(root() / "BigEarthNet-v1.0"));
}

TEST_F(DataCommand, SynthRefusesToOverwriteWithoutForce) {
  auto again = run_eorun({"data", "synth", "--dataset", "bigearthnet", "--out", "synth", "--patches", "5"}, dir_->path());
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("eorun: error: --out:"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("--force"), std::string::npos) << again.err;
  test::TempDir other;
  auto bad = run_eorun({"data", "synth", "--dataset", "bigearthnet", "--out", "x", "--patches", "0"}, other.path());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--patches"), std::string::npos) << bad.err;
}

TEST_F(DataCommand, InspectJsonListsBandsClassesAndEverySampleInSplitOrder) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  auto result = run_eorun({"data", "inspect", "--dataset", "bigearthnet", "--root", "synth",
                           "--split", "val", "--format", "json"},
                          dir_->path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto json = nlohmann::json::parse(result.out);
  const auto patches = csv_patches(root() / "bigearthnet-val.csv");
  EXPECT_EQ(json.at("samples").get<std::size_t>(), patches.size());
  EXPECT_EQ(json.at("bands"), (nlohmann::json{"B04", "B03", "B02"}));
  EXPECT_EQ(json.at("classes").size(), 19u);
  EXPECT_EQ(json.at("task"), "multi_label");
  EXPECT_EQ(json.at("params").at("root"), fs::absolute(root()).lexically_normal().string());
  ASSERT_EQ(json.at("items").size(), patches.size());
  for (std::size_t i = 0; i < patches.size(); ++i) {
    const auto& item = json["items"][i];
    EXPECT_EQ(item.at("id"), patches[i]);
    const fs::path labels_file =
        root() / "BigEarthNet-v1.0" / patches[i] / (patches[i] + "_labels_metadata.json");
    auto labels = nlohmann::json::parse(test_support::read_text(labels_file)).at("labels");
    std::vector<int> expected;
    for (const auto& name : labels)
      expected.push_back(
          clc43_to_19()[static_cast<std::size_t>(*clc43_index(name.get<std::string>()))]);
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(item.at("labels").get<std::vector<int>>(), expected) << patches[i];
  }
}

TEST_F(DataCommand, InspectTableWithExplicitBandsAnd43Classes) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  auto result = run_eorun({"data", "inspect", "--dataset", "bigearthnet", "--root", "synth",
                           "--split", "test", "--set", "classes=43", "--set",
                           "bands=[\"B08\",\"B8A\",\"B02\"]", "--limit", "2"},
                          dir_->path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("samples  6"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("input    s2: B08, B8A, B02 (10 m, 120x120 px)"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("classes  43"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Sea and ocean"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find(csv_patches(root() / "bigearthnet-test.csv")[1]), std::string::npos);
  EXPECT_NE(result.out.find("first 2 of 6 samples"), std::string::npos) << result.out;
}

TEST_F(DataCommand, InspectShowsOneInputGroupPerResolutionWithoutResampling) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  auto result = run_eorun({"data", "inspect", "--dataset", "bigearthnet", "--root", "synth",
                           "--set", "bands=ms", "--set", "resample=none", "--limit", "1"},
                          dir_->path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  for (const char* line : {"input    s2_10m: B02, B03, B04, B08 (10 m, 120x120 px)\n",
                           "input    s2_20m: B05, B06, B07, B8A, B11, B12 (20 m, 60x60 px)\n",
                           "input    s2_60m: B01, B09 (60 m, 20x20 px)\n"})
    EXPECT_NE(result.out.find(line), std::string::npos) << line << "\n" << result.out;
}

TEST_F(DataCommand, InspectReportsBadInputWithExitCode2) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  auto no_root =
      run_eorun({"data", "inspect", "--dataset", "bigearthnet", "--root", "missing"}, dir_->path());
  EXPECT_EQ(no_root.exit_code, 2);
  EXPECT_NE(no_root.err.find("eorun: error: dataset.root: folder '"), std::string::npos)
      << no_root.err;

  auto bad_band = run_eorun({"data", "inspect", "--dataset", "bigearthnet", "--root", "synth",
                             "--set", "bands=[\"B04\",\"B10\"]"},
                            dir_->path());
  EXPECT_EQ(bad_band.exit_code, 2);
  EXPECT_NE(bad_band.err.find("unknown band 'B10'"), std::string::npos) << bad_band.err;

  auto bad_params = run_eorun({"data", "inspect", "--dataset", "bigearthnet", "--root", "synth",
                               "--set", "classes=10", "--set", "bands=all", "--set", "colour=1"},
                              dir_->path());
  EXPECT_EQ(bad_params.exit_code, 2);
  EXPECT_NE(bad_params.err.find("dataset.classes"), std::string::npos) << bad_params.err;
  EXPECT_NE(bad_params.err.find("dataset.bands"), std::string::npos) << bad_params.err;
  EXPECT_NE(bad_params.err.find("dataset.colour"), std::string::npos) << bad_params.err;

  auto no_plugin =
      run_eorun({"data", "inspect", "--dataset", "nosuch", "--root", "synth"}, dir_->path());
  EXPECT_EQ(no_plugin.exit_code, 2);
  EXPECT_NE(no_plugin.err.find("nosuch"), std::string::npos) << no_plugin.err;

  auto no_dataset = run_eorun({"data", "inspect", "--root", "synth"}, dir_->path());
  EXPECT_EQ(no_dataset.exit_code, 2);
  EXPECT_NE(no_dataset.err.find("--dataset"), std::string::npos) << no_dataset.err;
}

TEST_F(DataCommand, SynthOfADatasetWithoutAHookListsTheDatasetsThatHaveOne) {
  test::TempDir other;
  auto result = run_eorun(
      {"data", "synth", "--dataset", "synthetic", "--out", "copy", "--patches", "5"}, other.path());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("eorun: error: dataset plugin 'synthetic': cannot write a synthetic "
                            "copy of its layout (it has no synth hook); datasets that can: "
                            "bigearthnet"),
            std::string::npos)
      << result.err;
  EXPECT_FALSE(fs::exists(other.path() / "copy")) << "nothing is written";
}

TEST_F(DataCommand, SynthPrintsTheConfigThatReadsTheCopy) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  EXPECT_NE(synth_.out.find("read it with:\n  [dataset]\n  plugin = \"bigearthnet\"\n  root = \"" +
                            fs::absolute(root()).lexically_normal().string() + "\"\n"),
            std::string::npos)
      << synth_.out;
}

TEST_F(DataCommand, SynthIsByteIdenticalForTheSameSeed) {
  test::TempDir other;
  auto result = run_eorun(
      {"data", "synth", "--dataset", "bigearthnet", "--out", "again", "--patches", "30", "--seed", "4", "--threads", "1"},
      other.path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  for (const char* csv : {"bigearthnet-train.csv", "bigearthnet-val.csv", "bigearthnet-test.csv"})
    EXPECT_EQ(test_support::read_text(root() / csv),
              test_support::read_text(other.path() / "again" / csv));
  const std::string patch = csv_patches(root() / "bigearthnet-train.csv")[0];
  for (const char* file : {"_B01.tif", "_B08.tif", "_B8A.tif", "_labels_metadata.json"}) {
    const fs::path relative = fs::path("BigEarthNet-v1.0") / patch / (patch + file);
    EXPECT_EQ(test_support::read_text(root() / relative),
              test_support::read_text(other.path() / "again" / relative))
        << relative;
  }
}

// `eorun data synth --set version=2` then `eorun data inspect` of that v2 (reBEN) copy.
TEST(DataCommandV2, SynthThenInspectAV2Copy) {
  test::TempDir dir;
  const auto synth = run_eorun({"data", "synth", "--dataset", "bigearthnet", "--out", "reben",
                                "--patches", "15", "--seed", "8", "--set", "version=2", "--set",
                                "s1=true"},
                               dir.path());
  ASSERT_EQ(synth.exit_code, 0) << synth.err;
  EXPECT_NE(synth.out.find("(BigEarthNet v2 (reBEN) Sentinel-2 and Sentinel-1 layout)"),
            std::string::npos)
      << synth.out;
  EXPECT_NE(synth.out.find("  version = 2\n"), std::string::npos) << synth.out;

  // The validation split of the metadata table, in its order, with its labels.
  const auto table = support::read_csv(dir.path() / "reben" / "metadata.csv", true, "metadata", "");
  std::vector<std::pair<std::string, std::vector<int>>> expected;
  for (const auto& row : table.rows) {
    if (row.fields[2] != "validation") continue;
    std::vector<int> labels;
    std::size_t start = 0;
    for (;;) {
      const std::size_t end = row.fields[3].find(';', start);
      labels.push_back(*clc19_index(row.fields[3].substr(start, end - start)));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    std::sort(labels.begin(), labels.end());
    expected.emplace_back(row.fields[0], labels);
  }
  ASSERT_EQ(expected.size(), 3u);

  auto result = run_eorun({"data", "inspect", "--dataset", "bigearthnet", "--root", "reben", "--set",
                           "version=2", "--set", "bands=s1s2", "--split", "val", "--format", "json"},
                          dir.path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json.at("samples"), 3);
  EXPECT_EQ(json.at("bands"), nlohmann::json(test_support::s1s2()));
  EXPECT_EQ(json.at("classes").size(), 19u);
  EXPECT_EQ(json.at("inputs")[0].at("name"), "s1s2");
  ASSERT_EQ(json.at("items").size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(json["items"][i].at("id"), expected[i].first);
    EXPECT_EQ(json["items"][i].at("labels").get<std::vector<int>>(), expected[i].second);
  }

  auto as_v1 = run_eorun({"data", "inspect", "--dataset", "bigearthnet", "--root", "reben"}, dir.path());
  EXPECT_EQ(as_v1.exit_code, 2);
  EXPECT_NE(as_v1.err.find("is not a BigEarthNet v1.0 root"), std::string::npos) << as_v1.err;
  EXPECT_NE(as_v1.err.find("set dataset.version = 2"), std::string::npos) << as_v1.err;
}

}  // namespace
}  // namespace eorun::bigearthnet
