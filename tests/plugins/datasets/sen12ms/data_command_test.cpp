// The real eorun binary: `eorun data synth`, `eorun data inspect` and one epoch of `eorun run` on
// a tiny synthetic SEN12MS, as a user runs them.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ATen/ATen.h>

#include <fstream>
#include <set>

#include "igbp.hpp"
#include "sen12ms_test_support.hpp"
#include "support/run_eorun.hpp"
#include "triplet_file.hpp"

namespace eorun::sen12ms {
namespace {

namespace fs = std::filesystem;
using test::run_eorun;

class Sen12msCommands : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    synth_ = run_eorun({"data", "synth", "--dataset", "sen12ms", "--out", "synth", "--patches",
                        "16", "--seed", "4", "--set", "size=16", "--set", "damaged=1"},
                       dir_->path());
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static fs::path root() { return dir_->path() / "synth"; }
  static std::vector<PatchName> listed(const std::string& list) {
    std::vector<PatchName> names;
    for (const std::string& line : test_support::lines(root() / list))
      names.push_back(*parse_patch_name(line));
    return names;
  }
  static test::CommandResult inspect(std::vector<std::string> extra) {
    std::vector<std::string> args = {"data", "inspect", "--dataset", "sen12ms", "--root", "synth"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_eorun(args, dir_->path());
  }

  static test::TempDir* dir_;
  static test::CommandResult synth_;
};
test::TempDir* Sen12msCommands::dir_ = nullptr;
test::CommandResult Sen12msCommands::synth_;

TEST_F(Sen12msCommands, SynthWritesTheLayoutAndSaysHowToReadIt) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  EXPECT_EQ(synth_.out.rfind("wrote 16 synthetic sen12ms samples (SEN12MS triplets, 16x16 px, 1 "
                             "damaged) to synth (train ",
                             0),
            0u)
      << synth_.out;
  EXPECT_CONTAINS(synth_.out, "read it with:\n  [dataset]\n  plugin = \"sen12ms\"\n  root = \"" +
                                  fs::absolute(root()).lexically_normal().string() +
                                  "\"\n  val_fraction = 0.2\n");
  EXPECT_EQ(listed("train_list.txt").size() + listed("test_list.txt").size(), 17u);
}

// Class indices of the simplified multi-label target of `name`, from its lc file.
std::vector<int> expected_labels(const fs::path& root, const PatchName& name) {
  const support::RasterFile file = open_triplet_file(root, name, Modality::lc);
  at::Tensor lc = at::empty({16, 16}, at::kFloat);
  file.read_band(1, lc.data_ptr<float>(), 16, 16);
  std::vector<double> shares(10, 0.0);
  for (int code = 1; code <= 17; ++code)
    shares[static_cast<std::size_t>(simplified_index(code))] +=
        lc.eq(code).sum().item<double>() / 256.0;
  std::vector<int> labels;
  for (int k = 0; k < 10; ++k)
    if (shares[static_cast<std::size_t>(k)] >= 0.1) labels.push_back(k);
  return labels;
}

TEST_F(Sen12msCommands, InspectJsonListsBandsClassesAndEveryTestSampleInListOrder) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  const auto result = inspect({"--split", "test", "--format", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  const auto names = listed("test_list.txt");
  EXPECT_EQ(json.at("samples").get<std::size_t>(), names.size());
  EXPECT_EQ(json.at("bands"), (nlohmann::json{"B02", "B03", "B04", "B05", "B06", "B07", "B08",
                                               "B8A", "B11", "B12"}));
  EXPECT_EQ(json.at("classes"), nlohmann::json(class_names(Nomenclature::simplified)));
  EXPECT_EQ(json.at("task"), "multi_label");
  EXPECT_EQ(json.at("inputs").at(0).at("name"), "s2");
  EXPECT_EQ(json.at("inputs").at(0).at("shape"), (nlohmann::json{10, 16, 16}));
  ASSERT_EQ(json.at("items").size(), names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(json["items"][i].at("id"), names[i].id());
    EXPECT_EQ(json["items"][i].at("labels").get<std::vector<int>>(),
              expected_labels(root(), names[i]))
        << names[i].id();
  }
}

TEST_F(Sen12msCommands, InspectSingleLabelFullIgbpS1S2) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  const auto result = inspect({"--split", "val", "--set", "label_type=single", "--set",
                               "igbp=full", "--set", "bands=s1s2", "--limit", "2"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_CONTAINS(result.out, "dataset  sen12ms (val split, single-label)");
  EXPECT_CONTAINS(result.out,
                  "input    s1s2: B02, B03, B04, B05, B06, B07, B08, B8A, B11, B12, VV, VH (10 m, "
                  "16x16 px)");
  EXPECT_CONTAINS(result.out, "classes  17");
  EXPECT_CONTAINS(result.out, "Cropland/Natural Vegetation Mosaics");
}

TEST_F(Sen12msCommands, TheDamagedTripletIsSkippedNotACrash) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  std::size_t served = 0;
  for (const char* split : {"train", "val"}) {
    const auto result =
        inspect({"--split", split, "--set", "bands=s1", "--format", "json", "--limit", "0"});
    ASSERT_EQ(result.exit_code, 0) << split << ": " << result.err;
    served += nlohmann::json::parse(result.out).at("samples").get<std::size_t>();
  }
  EXPECT_EQ(served, listed("train_list.txt").size() - 1);
}

TEST_F(Sen12msCommands, InspectReportsBadRootsWithExitCode2) {
  const auto missing = run_eorun({"data", "inspect", "--dataset", "sen12ms", "--root", "nowhere"},
                                 dir_->path());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_CONTAINS(missing.err, "eorun: error: dataset.root: folder '");
  const auto season = run_eorun(
      {"data", "inspect", "--dataset", "sen12ms", "--root", "synth/ROIs1158_spring"}, dir_->path());
  EXPECT_EQ(season.exit_code, 2);
  EXPECT_CONTAINS(season.err, "is not a SEN12MS root");
  EXPECT_CONTAINS(season.err, "one SEN12MS season folder");
  const auto bad = inspect({"--set", "bands=[\"B04\",\"HH\"]"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_CONTAINS(bad.err, "unknown band 'HH'");
}

TEST_F(Sen12msCommands, RunsOneEpochThroughTheRealBinary) {
  ASSERT_EQ(synth_.exit_code, 0) << synth_.err;
  const struct {
    const char* name;
    const char* dataset;
    const char* loss;
    std::vector<std::string> bands;
  } runs[] = {
      {"multi", "bands = \"s1s2\"\n", "bce",
       {"B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B11", "B12", "VV", "VH"}},
      {"single", "bands = \"rgb\"\nlabel_type = \"single\"\nigbp = \"full\"\n", "cross_entropy",
       {"B04", "B03", "B02"}},
  };
  for (const auto& run : runs) {
    const fs::path config = dir_->path() / (std::string(run.name) + ".toml");
    std::ofstream(config) << "[dataset]\nplugin = \"sen12ms\"\nroot = \"synth\"\n" << run.dataset
                          << "\n[model]\nplugin = \"shortcnn\"\ninput_size = 16\n\n[loss]\nplugin = \"" << run.loss
                          << "\"\n\n[train]\noptimizer = \"adam\"\nlr = 1e-3\nepochs = 1\n"
                          << "batch_size = 4\nseed = 1\nthreads = 2\n";
    const auto result = run_eorun({"run", config.string(), "--no-progress"}, dir_->path());
    ASSERT_EQ(result.exit_code, 0) << run.name << "\n" << result.out << result.err;
    EXPECT_CONTAINS(result.out, ": completed");
  }
  const auto listed_runs = run_eorun({"query", "--top", "all", "--format", "json"}, dir_->path());
  ASSERT_EQ(listed_runs.exit_code, 0) << listed_runs.err;
  const auto all = nlohmann::json::parse(listed_runs.out).at("runs");
  ASSERT_EQ(all.size(), 2u) << listed_runs.out;
  std::set<std::vector<std::string>> recorded;
  for (const auto& entry : all) {
    const auto shown =
        run_eorun({"show", entry.at("run_id").get<std::string>(), "--format", "json"}, dir_->path());
    ASSERT_EQ(shown.exit_code, 0) << shown.err;
    const auto inputs = nlohmann::json::parse(shown.out).at("data").at("inputs");
    recorded.insert(inputs.at(0).at("bands").get<std::vector<std::string>>());
    EXPECT_EQ(inputs.at(0).at("shape").at(1), 16);
  }
  EXPECT_EQ(recorded, (std::set<std::vector<std::string>>{runs[0].bands, runs[1].bands}));
}

}  // namespace
}  // namespace eorun::sen12ms
