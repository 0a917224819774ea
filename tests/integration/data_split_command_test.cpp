// `eorun data split` and `eorun data inspect` across splits, run as a user runs them on a
// synthetic BigEarthNet copy: K folds covering every sample once, lists the plugin reads back,
// the same files for the same seed, per-split and per-class counts, a run config as the source.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

namespace fs = std::filesystem;
using test::run_eorun;

std::vector<std::string> lines_of(const fs::path& file) {
  std::vector<std::string> out;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

class DataSplitCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    synth_ = run_eorun({"data", "synth", "--dataset", "bigearthnet", "--out", "synth", "--patches",
                        "40", "--seed", "4"},
                       dir_->path());
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static const fs::path& dir() { return dir_->path(); }

  static test::TempDir* dir_;
  static test::CommandResult synth_;
};
test::TempDir* DataSplitCommand::dir_ = nullptr;
test::CommandResult DataSplitCommand::synth_;

TEST_F(DataSplitCommand, WritesKFoldsThatCoverEverySampleOnceAndThePluginReadsBack) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  auto split = run_eorun({"data", "split", "--dataset", "bigearthnet", "--root", "synth", "--out",
                          "splits", "--folds", "4", "--seed", "9"},
                         dir());
  ASSERT_EQ(split.exit_code, 0) << split.err;
  EXPECT_NE(split.out.find("wrote 4 folds of 40 bigearthnet samples"), std::string::npos)
      << split.out;
  EXPECT_NE(split.out.find("largest deviation"), std::string::npos) << split.out;
  EXPECT_NE(split.out.find("split_train = \"" + (dir() / "splits/fold-1/train.txt").string()),
            std::string::npos)
      << split.out;

  // folds.csv: every sample once, with a fold in 1..4.
  std::vector<std::string> table = lines_of(dir() / "splits/folds.csv");
  ASSERT_EQ(table.size(), 41u);
  EXPECT_EQ(table.front(), "id,fold");
  std::map<std::string, int> fold_of;
  for (std::size_t i = 1; i < table.size(); ++i) {
    const std::string& row = table[i];
    const int fold = std::stoi(row.substr(row.find(',') + 1));
    EXPECT_TRUE(fold >= 1 && fold <= 4) << row;
    EXPECT_TRUE(fold_of.emplace(row.substr(0, row.find(',')), fold).second) << row;
  }
  // fold-k: test = fold k, val = fold k+1, train = the rest; together every sample once.
  for (int k = 1; k <= 4; ++k) {
    const fs::path folder = dir() / "splits" / ("fold-" + std::to_string(k));
    std::set<std::string> seen;
    for (const char* name : {"train", "val", "test"}) {
      for (const std::string& id : lines_of(folder / (std::string(name) + ".txt"))) {
        EXPECT_TRUE(seen.insert(id).second) << id << " twice in fold-" << k;
        const int fold = fold_of.at(id);
        if (std::string(name) == "test") EXPECT_EQ(fold, k);
        if (std::string(name) == "val") EXPECT_EQ(fold, k % 4 + 1);
        if (std::string(name) == "train") EXPECT_TRUE(fold != k && fold != k % 4 + 1);
      }
    }
    EXPECT_EQ(seen.size(), 40u);
  }

  // The plugin reads a list back: the same ids, in the list's order.
  const fs::path list = dir() / "splits/fold-2/val.txt";
  auto inspect = run_eorun({"data", "inspect", "--dataset", "bigearthnet", "--root", "synth",
                            "--split", "val", "--set", "split_val=" + list.string(), "--format",
                            "json"},
                           dir());
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  auto json = nlohmann::json::parse(inspect.out);
  std::vector<std::string> ids;
  for (const auto& item : json.at("items")) ids.push_back(item.at("id"));
  EXPECT_EQ(ids, lines_of(list));

  // Same seed, same bytes; without --force an existing split is kept.
  const std::string before = test::read_text(dir() / "splits/folds.csv");
  auto again = run_eorun({"data", "split", "--dataset", "bigearthnet", "--root", "synth", "--out",
                          "splits", "--folds", "4", "--seed", "9"},
                         dir());
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("--force"), std::string::npos) << again.err;
  auto forced = run_eorun({"data", "split", "--dataset", "bigearthnet", "--root", "synth", "--out",
                           "splits", "--folds", "4", "--seed", "9", "--force"},
                          dir());
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(test::read_text(dir() / "splits/folds.csv"), before);
}

TEST_F(DataSplitCommand, RefusesTooFewFoldsAndANamelessDataset) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  auto two = run_eorun({"data", "split", "--dataset", "bigearthnet", "--root", "synth", "--out",
                        "two", "--folds", "2"},
                       dir());
  EXPECT_EQ(two.exit_code, 2);
  EXPECT_NE(two.err.find("--folds"), std::string::npos) << two.err;
  auto nameless = run_eorun({"data", "split", "--root", "synth", "--out", "x"}, dir());
  EXPECT_EQ(nameless.exit_code, 2);
  EXPECT_NE(nameless.err.find("eorun: error: --dataset: no dataset plugin given"), std::string::npos)
      << nameless.err;
}

TEST_F(DataSplitCommand, InspectCountsEverySplitAndClassAndReadsARunConfig) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  std::ofstream(dir() / "run.toml") << "[dataset]\nplugin = \"bigearthnet\"\nroot = \"synth\"\n"
                                       "bands = \"ms\"\nclasses = 19\n";
  auto result = run_eorun({"data", "inspect", "--config", "run.toml", "--split", "all",
                           "--format", "json"},
                          dir());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json.at("dataset"), "bigearthnet");
  EXPECT_EQ(json.at("bands").size(), 12u);
  std::size_t total = 0;
  for (const char* split : {"train", "val", "test"}) {
    const auto& counts = json.at("splits").at(split);
    total += counts.at("samples").get<std::size_t>();
    // Per-class counts agree with the labels of the items of that split.
    std::vector<std::int64_t> expected(19, 0);
    std::int64_t unlabelled = 0;
    for (const auto& item : json.at("items")) {
      if (item.at("split") != split) continue;
      if (item.at("labels").empty()) ++unlabelled;
      for (const auto& k : item.at("labels")) ++expected[k.get<std::size_t>()];
    }
    EXPECT_EQ(counts.at("class_counts").get<std::vector<std::int64_t>>(), expected) << split;
    EXPECT_EQ(counts.at("unlabelled").get<std::int64_t>(), unlabelled) << split;
  }
  EXPECT_EQ(total, 40u);
  EXPECT_EQ(json.at("items").size(), 40u);

  // The table shows one count column per split; --set overrides the config.
  auto table = run_eorun({"data", "inspect", "--config", "run.toml", "--split", "all", "--set",
                          "bands=rgb", "--limit", "1"},
                         dir());
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("input    s2: B04, B03, B02"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("split    val: "), std::string::npos) << table.out;
  std::istringstream lines(table.out);
  bool header = false;
  for (std::string line; std::getline(lines, line);)
    header = header || (line.rfind("#", 0) == 0 && line.find("class") != std::string::npos &&
                        line.find("train") != std::string::npos &&
                        line.find("val") != std::string::npos &&
                        line.find("test") != std::string::npos);
  EXPECT_TRUE(header) << table.out;
}


TEST_F(DataSplitCommand, ReferenceNormalisationUsesThePublishedConstantsOrIsRefused) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  std::ofstream(dir() / "reference.toml")
      << "[dataset]\nplugin = \"bigearthnet\"\nroot = \"synth\"\nbands = [\"B08\", \"B02\"]\n"
         "normalize = \"reference\"\n[model]\nplugin = \"shortcnn\"\n[loss]\nplugin = \"bce\"\n"
         "[train]\nepochs = 1\nbatch_size = 8\nthreads = 1\n";
  auto run = run_eorun({"run", "reference.toml", "--no-progress"}, dir());
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("normalised with published constants of bigearthnet"), std::string::npos)
      << run.out;
  const std::string id = run.out.substr(run.out.find("run ") + 4, 12);
  auto shown = run_eorun({"show", id, "--format", "json"}, dir());
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const auto normalisation = nlohmann::json::parse(shown.out).at("data").at("normalisation");
  EXPECT_EQ(normalisation.at("method"), "reference");
  // DOMAIN.md's BigEarthNet constants of B08 and B02, in the run's channel order.
  EXPECT_EQ(normalisation.at("mean"), (nlohmann::json{2218.94553375, 429.9430203}));
  EXPECT_EQ(normalisation.at("std"), (nlohmann::json{1365.45589904, 572.41639287}));

  std::ofstream(dir() / "none_published.toml")
      << "[dataset]\nplugin = \"synthetic\"\nnormalize = \"reference\"\n[model]\n"
         "plugin = \"shortcnn\"\n[loss]\nplugin = \"bce\"\n";
  auto refused = run_eorun({"run", "none_published.toml"}, dir());
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("eorun: error: dataset.normalize: dataset 'synthetic' publishes no "
                             "reference statistics"),
            std::string::npos)
      << refused.err;
}

}  // namespace
}  // namespace eorun
