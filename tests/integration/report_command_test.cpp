// `eorun report` end to end: real runs trained by the binary, the page opened in Debian's headless
// Chromium (tests/support/report_browser.py over the DevTools protocol): it renders with no console
// error and no network request, every chart draws, and the numbers it shows are those of
// `eorun query --format json` and of the run records. Bad selections write nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using nlohmann::json;
using test::CommandResult;
using test::run_eorun;
using test::run_program;

std::filesystem::path write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
  return path;
}

// Four significant digits, as the page and `eorun query` print them.
std::string four_digits(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.4g", value);
  return text;
}

const char* kSweep =
    "return sweep {\n"
    "  name = 'compare',\n"
    "  base = {\n"
    "    dataset = { plugin = 'synthetic', task = 'single_label', classes = 4, bands = 3, size = 16,\n"
    "                train = 64, val = 32, test = 32, seed = 4, noise = 2.0 },\n"
    "    model = { plugin = 'shortcnn', input_size = 16 },\n"
    "    loss = { plugin = 'cross_entropy' },\n"
    "    train = { epochs = 2, batch_size = 16, threads = 1 },\n"
    "  },\n"
    "  grid = { ['train.optimizer'] = { 'sgd', 'adam' }, ['train.seed'] = { 1, 2, 3 } },\n"
    "}\n";

// Six runs of a sweep (two optimizers, three seeds), a child fine-tuned from the best of them,
// and a multi-label run: trained once for every test of the suite.
class ReportCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<test::TempDir>();
    const CommandResult sweep =
        run_eorun({"sweep", write(dir_->path() / "compare.lua", kSweep).string(), "--jobs", "2", "--no-progress"},
                  dir_->path());
    ASSERT_EQ(sweep.exit_code, 0) << sweep.out << sweep.err;
    const json best = query({"--sweep", "compare", "--best", "oa", "--top", "1"});
    parent_ = best.at("runs").at(0).at("run_id");
    const std::string dataset =
        "[dataset]\nplugin = \"synthetic\"\ntask = \"single_label\"\nclasses = 4\nbands = 3\nsize = 16\n"
        "train = 64\nval = 32\ntest = 32\nseed = 4\nnoise = 2.0\n";
    const std::string child_config = dataset +
        "[model]\nplugin = \"shortcnn\"\ninput_size = 16\npretrained = \"run:" + parent_.substr(0, 10) +
        "\"\nfinetune = \"head\"\n[loss]\nplugin = \"cross_entropy\"\n"
        "[train]\nepochs = 1\nbatch_size = 16\nthreads = 1\n";
    const CommandResult child =
        run_eorun({"run", write(dir_->path() / "child.toml", child_config).string(), "--no-progress"}, dir_->path());
    ASSERT_EQ(child.exit_code, 0) << child.out << child.err;
    const std::string multi_label =
        "[dataset]\nplugin = \"synthetic\"\nclasses = 5\nbands = 3\nsize = 16\ntrain = 64\nval = 32\n"
        "test = 32\nseed = 9\n[model]\nplugin = \"shortcnn\"\ninput_size = 16\n[loss]\nplugin = \"bce\"\n"
        "[train]\nepochs = 2\nbatch_size = 16\nthreads = 1\n";
    const CommandResult multi =
        run_eorun({"run", write(dir_->path() / "multi.toml", multi_label).string(), "--no-progress"}, dir_->path());
    ASSERT_EQ(multi.exit_code, 0) << multi.out << multi.err;
    const json multi_label_runs = query({"--where", "loss.plugin = 'bce'"});
    ASSERT_EQ(multi_label_runs.at("runs").size(), 1u);
    multi_label_ = multi_label_runs.at("runs").at(0).at("run_id");
    const std::vector<std::string> ids = all_run_ids();
    ASSERT_EQ(ids.size(), 8u);
    for (const std::string& id : ids)
      if (show(id).at("lineage").is_object()) child_ = id;
    ASSERT_FALSE(child_.empty());
  }
  static void TearDownTestSuite() { dir_.reset(); }

  static json query(std::vector<std::string> args) {
    args.insert(args.begin(), "query");
    args.insert(args.end(), {"--format", "json"});
    const CommandResult result = run_eorun(args, dir_->path());
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    return json::parse(result.out);
  }
  static json show(const std::string& id) {
    const CommandResult result = run_eorun({"show", id, "--format", "json"}, dir_->path());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return json::parse(result.out);
  }
  static std::vector<std::string> all_run_ids() {
    std::vector<std::string> ids;
    const json listed = query({"--top", "all"});
    for (const json& run : listed.at("runs")) ids.push_back(run.at("run_id"));
    return ids;
  }

  // Writes the report and opens it in the browser; the page as report_browser.py read it.
  static json open_report(const std::vector<std::string>& report_args, const std::string& name) {
    const std::filesystem::path page = dir_->path() / name;
    std::vector<std::string> args = {"report", "--out", page.string()};
    args.insert(args.end(), report_args.begin(), report_args.end());
    const CommandResult made = run_eorun(args, dir_->path());
    EXPECT_EQ(made.exit_code, 0) << made.out << made.err;
    const CommandResult opened =
        run_program(EORUN_TEST_PYTHON, {EORUN_REPORT_BROWSER, page.string()}, dir_->path());
    EXPECT_EQ(opened.exit_code, 0) << "the browser could not open the report: " << opened.err;
    if (opened.exit_code != 0) return json::object();
    return json::parse(opened.out);
  }

  static void expect_clean(const json& page) {
    EXPECT_TRUE(page.at("ready").get<bool>());
    EXPECT_EQ(page.at("console_errors"), json::array()) << page.at("console").dump(1);
    EXPECT_EQ(page.at("exceptions"), json::array());
    EXPECT_EQ(page.at("page_errors"), json::array());
    EXPECT_EQ(page.at("requests"), json::array()) << "the page must ask the network for nothing";
  }

  static void expect_drawn(const json& page, const std::string& chart) {
    ASSERT_TRUE(page.at("charts").contains(chart)) << chart << " missing: " << page.at("charts").dump();
    const json& drawn = page.at("charts").at(chart);
    EXPECT_TRUE(drawn.at("rendered").get<bool>()) << chart;
    EXPECT_GT(drawn.at("width").get<int>(), 100) << chart;
    EXPECT_GT(drawn.at("height").get<int>(), 100) << chart;
    EXPECT_GT(drawn.at("svg_paths").get<int>(), 10) << chart << " drew nearly nothing";
  }

  static std::unique_ptr<test::TempDir> dir_;
  static std::string parent_;
  static std::string child_;
  static std::string multi_label_;
};

std::unique_ptr<test::TempDir> ReportCommand::dir_;
std::string ReportCommand::parent_;
std::string ReportCommand::child_;
std::string ReportCommand::multi_label_;

TEST_F(ReportCommand, ASweepRendersOfflineWithEveryChartDrawn) {
  const json page = open_report({"--sweep", "compare"}, "sweep.html");
  ASSERT_FALSE(page.empty());
  expect_clean(page);
  for (const char* chart : {"groups", "curve-train_loss", "curve-val_loss", "curve-val_metric", "curve-lr",
                            "per-class", "confusion", "parallel", "cost"})
    expect_drawn(page, chart);
  const json& charts = page.at("charts");
  // Two groups (the optimizers, averaged over three seeds): val and test bars and error bars.
  ASSERT_EQ(charts.at("groups").at("series").size(), 4u);
  for (const json& series : charts.at("groups").at("series")) EXPECT_EQ(series.at("points"), 2);
  EXPECT_EQ(charts.at("groups").at("series").at(2).at("type"), "custom");
  // One line per run, one point per epoch.
  ASSERT_EQ(charts.at("curve-train_loss").at("series").size(), 6u);
  for (const json& series : charts.at("curve-val_metric").at("series")) EXPECT_EQ(series.at("points"), 2);
  EXPECT_EQ(charts.at("parallel").at("series").at(0).at("points"), 6);
  EXPECT_EQ(charts.at("confusion").at("series").at(0).at("points"), 16);  // 4 x 4 classes
  EXPECT_EQ(charts.at("per-class").at("series").at(0).at("points"), 4);
  EXPECT_EQ(page.at("chart_library").at("name"), "Apache ECharts");
  EXPECT_FALSE(page.at("chart_library").at("version").get<std::string>().empty());
}

TEST_F(ReportCommand, NumbersInThePageAreThoseOfQuery) {
  const json page = open_report({"--sweep", "compare"}, "numbers.html");
  ASSERT_FALSE(page.empty());
  const json ranked = query({"--sweep", "compare", "--best", "oa", "--top", "all"});
  const json& runs = page.at("runs");
  ASSERT_EQ(runs.size(), ranked.at("runs").size());
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const json& expected = ranked.at("runs").at(i);
    const json& shown = runs.at(i);
    EXPECT_EQ(shown.at("run_id"), expected.at("run_id")) << "row " << i;
    EXPECT_EQ(shown.at("cells").at("val").at("value").get<double>(), expected.at("value").get<double>());
    for (const char* split : {"val", "test"}) {
      const double value = expected.at(split).at("oa").get<double>();
      EXPECT_EQ(shown.at("cells").at(split).at("value").get<double>(), value) << split << " row " << i;
      EXPECT_EQ(shown.at("cells").at(split).at("text"), four_digits(value)) << split << " row " << i;
    }
  }
  const json grouped = query({"--sweep", "compare", "--best", "oa", "--group-by", "train.optimizer"});
  const json& groups = page.at("groups");
  ASSERT_EQ(groups.size(), grouped.at("groups").size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const json& expected = grouped.at("groups").at(g);
    const json& cells = groups.at(g).at("cells");
    EXPECT_EQ(cells.at("n").at("value"), expected.at("runs"));
    EXPECT_EQ(groups.at(g).at("runs").size(), expected.at("runs").get<std::size_t>());
    for (const char* split : {"val", "test"})
      for (const char* part : {"mean", "std", "ci95"}) {
        const std::string field = std::string(split) + "." + part;
        ASSERT_TRUE(expected.at(split).at(part).is_number()) << field;
        EXPECT_EQ(cells.at(field).at("value").get<double>(), expected.at(split).at(part).get<double>()) << field;
      }
    // Three seeds: t(0.975, 2) = 4.3027 times the standard error.
    const double half = expected.at("val").at("ci95").get<double>();
    EXPECT_NEAR(half, 4.302652729749464 * expected.at("val").at("std").get<double>() / std::sqrt(3.0), 1e-12);
  }
}

TEST_F(ReportCommand, TheBestRunsPerClassRecallAndConfusionMatrixAreItsRecord) {
  const json page = open_report({"--sweep", "compare"}, "best.html");
  ASSERT_FALSE(page.empty());
  const json record = show(parent_);
  const json& best = page.at("best");
  EXPECT_EQ(best.at("run_id"), parent_);
  EXPECT_EQ(best.at("drawn"), record.at("test_per_class").at("recall"));  // single-label: recall
  EXPECT_EQ(best.at("confusion"), record.at("test_confusion"));
  std::int64_t total = 0;
  for (const json& row : best.at("confusion"))
    for (const json& count : row) total += count.get<std::int64_t>();
  EXPECT_EQ(total, 32);  // every test sample once
}

TEST_F(ReportCommand, LineageLinksAChildToItsParentAndEveryRunHasItsReproduceCommand) {
  const json page = open_report({child_.substr(0, 10), parent_.substr(0, 10)}, "lineage.html");
  ASSERT_FALSE(page.empty());
  expect_clean(page);
  ASSERT_EQ(page.at("runs").size(), 2u);
  std::vector<std::string> anchors = page.at("anchors");
  std::sort(anchors.begin(), anchors.end());
  std::vector<std::string> expected = {parent_, child_};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(anchors, expected);
  const std::vector<std::string> links = page.at("links");
  EXPECT_NE(std::find(links.begin(), links.end(), parent_), links.end()) << "the child links to its parent";
  EXPECT_NE(std::find(links.begin(), links.end(), child_), links.end()) << "the parent lists its child";
  const std::vector<std::string> commands = page.at("reproduce");
  const std::string registry = (dir_->path() / "eorun.db").string();
  for (const std::string& id : {parent_, child_})
    EXPECT_NE(std::find(commands.begin(), commands.end(), "eorun --registry " + registry + " reproduce " + id),
              commands.end())
        << page.at("reproduce").dump();
}

TEST_F(ReportCommand, AMultiLabelRunShowsPerClassF1AndNoConfusionMatrix) {
  ASSERT_FALSE(multi_label_.empty());
  const json page = open_report({multi_label_.substr(0, 12)}, "multi.html");
  ASSERT_FALSE(page.empty());
  expect_clean(page);
  expect_drawn(page, "per-class");
  EXPECT_FALSE(page.at("charts").contains("confusion"));
  EXPECT_FALSE(page.at("charts").contains("parallel")) << "one run has no settings to compare";
  EXPECT_EQ(page.at("best").at("drawn"), show(multi_label_).at("test_per_class").at("f1"));
}

TEST_F(ReportCommand, BadSelectionsAreRefusedAndWriteNothing) {
  const std::filesystem::path out = dir_->path() / "refused" / "report.html";
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"--where", "train.lr > 5"}, "--where \"train.lr > 5\": matches no completed run"},
      {{"--sweep", "compare", "--where", "train.optimizer = 'rmsprop'"}, "matches no completed run"},
      {{"ffffffffff"}, "run id 'ffffffffff': matches no run"},
      {{"--sweep", "nosuch"}, "--sweep 'nosuch': no sweep in"},
      {{"--sweep", "compare", "--group-by", "train.optimiser"}, "--group-by 'train.optimiser': is not a field"},
      {{"--sweep", "compare", "--metric", "f1_macr"}, "f1_macr"},
      {{"--sweep", "compare", "--metric", "wall_seconds"}, "is a measured figure"},
  };
  for (const Case& bad : cases) {
    std::vector<std::string> args = {"report", "--out", out.string()};
    args.insert(args.end(), bad.args.begin(), bad.args.end());
    const CommandResult result = run_eorun(args, dir_->path());
    EXPECT_EQ(result.exit_code, 2) << bad.message << ": " << result.out << result.err;
    EXPECT_EQ(result.err.rfind("eorun: error: ", 0), 0u) << result.err;
    EXPECT_NE(result.err.find(bad.message), std::string::npos) << result.err;
    EXPECT_FALSE(std::filesystem::exists(out.parent_path())) << "nothing may be written: " << bad.message;
  }
  const CommandResult not_html = run_eorun({"report", "--out", (dir_->path() / "r.txt").string()}, dir_->path());
  EXPECT_EQ(not_html.exit_code, 2);
  EXPECT_NE(not_html.err.find("is not an .html file"), std::string::npos) << not_html.err;
  const CommandResult no_out = run_eorun({"report", "--sweep", "compare"}, dir_->path());
  EXPECT_EQ(no_out.exit_code, 2);
  EXPECT_NE(no_out.err.find("--out"), std::string::npos) << no_out.err;
}

TEST_F(ReportCommand, AFailedReportLeavesTheEarlierPageAsItWas) {
  const std::filesystem::path page = dir_->path() / "kept.html";
  ASSERT_EQ(run_eorun({"report", "--sweep", "compare", "--out", page.string()}, dir_->path()).exit_code, 0);
  const std::string before = test::read_text(page);
  const CommandResult failed =
      run_eorun({"report", "--where", "train.lr > 5", "--out", page.string()}, dir_->path());
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_EQ(test::read_text(page), before);
  for (const auto& entry : std::filesystem::directory_iterator(dir_->path()))
    EXPECT_EQ(entry.path().filename().string().find("kept.html."), std::string::npos)
        << "temporary file left: " << entry.path();
}

}  // namespace
}  // namespace eorun
