// Transfer between runs through the CLI: a run pretrains, another starts from it by id prefix at
// a fine-tuning level and proves its frozen groups did not move; bad parents are refused before
// anything runs; a sweep defines its parent with run { ... }, trains it first and never starts a
// child whose parent failed.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using nlohmann::json;
using test::CommandResult;
using test::run_eorun;

const std::filesystem::path kTinyModel =
    std::filesystem::path(EORUN_FIXTURE_PLUGIN_DIR) / "fixture_tiny_model.so";

std::string dataset(int classes) {
  return "[dataset]\nplugin = \"synthetic\"\nsize = 16\ntrain = 48\nval = 16\ntest = 16\nbands = 3\n"
         "classes = " + std::to_string(classes) + "\n";
}

std::filesystem::path write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
  return path;
}

std::string config(int classes, const std::string& model_extra) {
  return dataset(classes) + "[model]\nplugin = \"shortcnn\"\ninput_size = 16\n" + model_extra +
         "[loss]\nplugin = \"bce\"\n[train]\nepochs = 1\nbatch_size = 16\nthreads = 1\n";
}

json show_json(const std::string& id, const std::filesystem::path& dir) {
  const CommandResult shown = run_eorun({"show", id, "--format", "json"}, dir);
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  return json::parse(shown.out);
}

std::vector<std::string> run_ids(const std::filesystem::path& dir) {
  const CommandResult listed = run_eorun({"query", "--top", "all", "--format", "json"}, dir);
  EXPECT_EQ(listed.exit_code, 0) << listed.out << listed.err;
  const json document = json::parse(listed.out);
  std::vector<std::string> ids;
  for (const json& run : document.at("runs")) ids.push_back(run.at("run_id"));
  return ids;
}

class FinetuneCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    const CommandResult pretrain =
        run_eorun({"run", write(dir_.path() / "pre.toml", config(5, "")).string(), "--no-progress"}, dir_.path());
    ASSERT_EQ(pretrain.exit_code, 0) << pretrain.out << pretrain.err;
    const std::vector<std::string> ids = run_ids(dir_.path());
    ASSERT_EQ(ids.size(), 1u) << pretrain.out << pretrain.err;
    parent_ = ids.front();
  }
  CommandResult run_child(const std::string& model_extra, int classes = 5,
                          const std::vector<std::string>& extra_args = {}) {
    std::vector<std::string> args = extra_args;
    args.insert(args.end(), {"run", write(dir_.path() / "child.toml", config(classes, model_extra)).string(),
                             "--no-progress"});
    return run_eorun(args, dir_.path());
  }
  void expect_refused(const CommandResult& result, const std::string& message) {
    EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
    EXPECT_NE(result.err.find(message), std::string::npos) << result.err;
    EXPECT_EQ(run_ids(dir_.path()).size(), 1u) << "nothing but the parent is recorded";
  }

  test::TempDir dir_;
  std::string parent_;
};

TEST_F(FinetuneCommand, HeadStartsFromTheParentAndProvesItsFrozenGroups) {
  const CommandResult child =
      run_child("pretrained = \"run:" + parent_.substr(0, 8) + "\"\nfinetune = \"head\"\n");
  ASSERT_EQ(child.exit_code, 0) << child.out << child.err;
  std::string child_id;
  for (const std::string& id : run_ids(dir_.path()))
    if (id != parent_) child_id = id;
  const json record = show_json(child_id, dir_.path());
  const json parent = show_json(parent_, dir_.path());
  // The prefix became the full id in the spec, so the parent is part of the child's identity.
  EXPECT_EQ(record.at("spec").at("model").at("pretrained"), "run:" + parent_);
  EXPECT_EQ(record.at("lineage").at("parent_run_id"), parent_);
  EXPECT_EQ(record.at("lineage").at("checkpoint_sha256"), parent.at("best").at("checkpoint_sha256"));
  EXPECT_EQ(record.at("lineage").at("head_reinitialised"), false);
  const json& groups = record.at("finetune").at("groups");
  EXPECT_EQ(record.at("finetune").at("level"), "head");
  ASSERT_GE(groups.size(), 2u);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const bool head = g + 1 == groups.size();
    EXPECT_EQ(groups[g].at("trained"), head) << groups[g];
    // Each group starts from the weights the parent kept.
    EXPECT_EQ(groups[g].at("start_sha256"), parent.at("finetune").at("groups")[g].at("end_sha256"));
    if (!head) EXPECT_EQ(groups[g].at("start_sha256"), groups[g].at("end_sha256"));
  }
  const CommandResult shown = run_eorun({"show", child_id}, dir_.path());
  EXPECT_NE(shown.out.find("frozen groups verified bit-identical"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("lineage (parent first)"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find(parent_.substr(0, 12)), std::string::npos);
}

TEST_F(FinetuneCommand, AnotherClassCountReinitialisesTheHeadAndSaysSo) {
  const CommandResult child = run_child("pretrained = \"run:" + parent_.substr(0, 8) + "\"\n", 7);
  ASSERT_EQ(child.exit_code, 0) << child.out << child.err;
  for (const std::string& id : run_ids(dir_.path())) {
    if (id == parent_) continue;
    const json record = show_json(id, dir_.path());
    EXPECT_EQ(record.at("finetune").at("level"), "all") << "the default with pretrained weights";
    EXPECT_EQ(record.at("lineage").at("head_reinitialised"), true);
    EXPECT_NE(run_eorun({"show", id}, dir_.path()).out.find("re-initialised"), std::string::npos);
  }
}

TEST_F(FinetuneCommand, BadParentsAndLevelsAreRefusedBeforeAnythingRuns) {
  expect_refused(run_child("finetune = \"head\"\n"), "'head' fine-tunes pretrained weights but the spec has no model.pretrained");
  const std::string pretrained = "pretrained = \"run:" + parent_.substr(0, 8) + "\"\n";
  expect_refused(run_child(pretrained + "finetune = \"scratch\"\n"), "'scratch' trains from random weights");
  expect_refused(run_child(pretrained + "finetune = \"last:9\"\n"), "'last:9' asks for 9 groups before the head");
  expect_refused(run_child("pretrained = \"run:abcdef12\"\n"), "model.pretrained: run 'abcdef12' matches no run");
  // A parent of another model architecture.
  const std::string tiny = dataset(5) + "[model]\nplugin = \"tiny_model\"\n" + pretrained +
                           "[loss]\nplugin = \"bce\"\n[train]\nepochs = 1\nthreads = 1\n";
  expect_refused(run_eorun({"--plugin-path", kTinyModel.string(), "run",
                            write(dir_.path() / "tiny.toml", tiny).string()},
                           dir_.path()),
                 "trained model plugin 'shortcnn', this run's model is 'tiny_model'");
  // A parent checkpoint whose file changed since the parent recorded it.
  const json parent = show_json(parent_, dir_.path());
  std::ofstream(parent.at("best").at("checkpoint").get<std::string>(), std::ios::app) << "x";
  expect_refused(run_child(pretrained), "changed since the run recorded it");
}

std::string sweep_script(const std::string& parent_model) {
  return "local parent = run {\n"
         "  dataset = { plugin = 'synthetic', size = 16, train = 48, val = 16, test = 16, bands = 3, classes = 4 },\n"
         "  model = " + parent_model + ",\n"
         "  loss = { plugin = 'bce' }, train = { epochs = 1, batch_size = 16 } }\n"
         "return sweep {\n"
         "  name = 'transfer',\n"
         "  base = { dataset = { plugin = 'synthetic', size = 16, train = 32, val = 16, test = 16, bands = 3,\n"
         "                       classes = 4, seed = 5 },\n"
         "           model = { plugin = 'tiny_model', pretrained = parent },\n"
         "           loss = { plugin = 'bce' }, train = { epochs = 1, batch_size = 16 } },\n"
         "  grid = { ['model.finetune'] = { 'head', 'all' } },\n"
         "}\n";
}

TEST(SweepParents, AParentDefinedInTheScriptRunsFirstAndItsIdIsInTheChildren) {
  test::TempDir dir;
  const auto script = write(dir.path() / "transfer.lua", sweep_script("{ plugin = 'tiny_model' }"));
  const std::vector<std::string> plugin = {"--plugin-path", kTinyModel.string()};
  std::vector<std::string> dry = plugin;
  // The same --jobs as the real sweep: the thread count per run is part of its identity.
  dry.insert(dry.end(), {"sweep", script.string(), "--dry-run", "--jobs", "2"});
  const CommandResult plan = run_eorun(dry, dir.path());
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  // Row 1 is the parent; rows 2 and 3 name it in the parent column.
  std::istringstream lines(plan.out);
  std::vector<std::string> rows;
  for (std::string line; std::getline(lines, line);)
    if (!line.empty() && std::isdigit(static_cast<unsigned char>(line[0]))) rows.push_back(line);
  ASSERT_EQ(rows.size(), 3u) << plan.out;
  EXPECT_NE(rows[0].find("parent=true"), std::string::npos) << rows[0];
  // Columns: number, run, parent, status, values.
  const auto column = [](const std::string& row, std::size_t index) {
    std::istringstream words(row);
    std::string word;
    for (std::size_t i = 0; i <= index; ++i) words >> word;
    return word;
  };
  const std::string parent_id = column(rows[0], 1);
  ASSERT_EQ(parent_id.size(), 12u) << rows[0];
  EXPECT_EQ(column(rows[0], 2), "-");
  EXPECT_EQ(column(rows[1], 2), parent_id) << plan.out;
  EXPECT_EQ(column(rows[2], 2), parent_id) << plan.out;

  std::vector<std::string> real = plugin;
  real.insert(real.end(), {"sweep", script.string(), "--jobs", "2", "--no-progress"});
  const CommandResult ran = run_eorun(real, dir.path());
  ASSERT_EQ(ran.exit_code, 0) << ran.out << ran.err;
  EXPECT_NE(ran.out.find("3 completed"), std::string::npos) << ran.out;
  for (const std::string& id : run_ids(dir.path())) {
    const json record = show_json(id, dir.path());
    if (id.rfind(parent_id, 0) == 0) {
      EXPECT_TRUE(record.at("lineage").is_null());
      continue;
    }
    EXPECT_EQ(record.at("lineage").at("parent_run_id").get<std::string>().substr(0, 12), parent_id);
  }
  // Run again: everything is cached, the parent included.
  const CommandResult again = run_eorun(real, dir.path());
  EXPECT_NE(again.out.find("3 cached"), std::string::npos) << again.out;
}

TEST(SweepParents, NoChildStartsWhenItsParentFails) {
  test::TempDir dir;
  const auto script = write(dir.path() / "transfer.lua", sweep_script("{ plugin = 'tiny_model', fail = 'forward' }"));
  const CommandResult ran = run_eorun({"--plugin-path", kTinyModel.string(), "sweep", script.string(),
                                       "--no-progress"},
                                      dir.path());
  EXPECT_EQ(ran.exit_code, 1) << ran.out << ran.err;
  EXPECT_NE(ran.out.find("1 failed"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("2 not started as their parent did not complete"), std::string::npos) << ran.out;
  EXPECT_NE(ran.err.find("not started: its parent"), std::string::npos) << ran.err;
  const CommandResult failed = run_eorun({"query", "--where", "status = 'failed'", "--top", "all", "--format", "json"}, dir.path());
  EXPECT_EQ(json::parse(failed.out).at("runs").size(), 1u) << "only the parent ran";
}

}  // namespace
}  // namespace eorun
