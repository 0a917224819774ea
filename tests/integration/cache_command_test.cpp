// The packed cache as a user meets it: `cache = true` in a run gives the same run (identity and
// weights) as reading through the plugin, and records the caches it read; `eorun cache ls`,
// `verify`, `gc` and `build`; a damaged or stale cache is reported and rebuilt, never read;
// `eorun data bench` measures both paths.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "cache/packed_layout.hpp"
#include "support/run_eorun.hpp"
#include "support/file_damage.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

namespace fs = std::filesystem;
using test::CommandResult;
using test::flip_byte;
using test::run_eorun;

class CacheCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    synth_ = run_eorun({"data", "synth", "--dataset", "bigearthnet", "--out", "data", "--patches", "48", "--seed", "3"},
                       dir_->path());
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override { ASSERT_EQ(synth_.exit_code, 0) << synth_.err; }

  // A project folder of its own (registry, runs, cache) with one run config in it.
  static fs::path project(const std::string& name, const std::string& dataset_extra, int seed = 1,
                          const std::string& data = "data") {
    const fs::path folder = dir_->path() / name;
    fs::create_directories(folder);
    std::ofstream(folder / "run.toml") << "[dataset]\nplugin = \"bigearthnet\"\nroot = \""
                                       << (dir_->path() / data).string() << "\"\nbands = \"ms\"\nclasses = 19\n"
                                       << dataset_extra << "\n[model]\nplugin = \"shortcnn\"\n"
                                       << "\n[loss]\nplugin = \"bce\"\n"
                                       << "\n[train]\noptimizer = \"adam\"\nlr = 1e-3\nepochs = 2\nbatch_size = 8\n"
                                       << "seed = " << seed << "\nthreads = 2\naugment = [\"hflip\", \"rot90\"]\n";
    return folder;
  }

  // The record of the run `eorun run` just reported.
  static nlohmann::json record_of(const CommandResult& run, const fs::path& folder) {
    std::smatch id;
    const bool found = std::regex_search(run.out, id, std::regex("run ([0-9a-f]{64})"));
    if (!found) return nullptr;
    return nlohmann::json::parse(test::read_text(folder / "runs" / id[1].str() / "record.json"));
  }

  static CommandResult run(const fs::path& folder) {
    return run_eorun({"run", "run.toml", "--no-progress"}, folder);
  }

  static test::TempDir* dir_;
  static CommandResult synth_;
};
test::TempDir* CacheCommand::dir_ = nullptr;
CommandResult CacheCommand::synth_;

TEST_F(CacheCommand, ChangesSpeedNeverResultsAndRecordsTheCachesRead) {
  const fs::path plain = project("plain", "");
  const fs::path cached = project("cached", "cache = true\n");
  const CommandResult a = run(plain), b = run(cached);
  ASSERT_EQ(a.exit_code, 0) << a.out << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.out << b.err;
  const nlohmann::json ra = record_of(a, plain), rb = record_of(b, cached);
  ASSERT_FALSE(ra.is_null()) << a.out;
  ASSERT_FALSE(rb.is_null()) << b.out;
  EXPECT_EQ(ra["run_id"], rb["run_id"]) << "dataset.cache is not part of the identity";
  EXPECT_EQ(ra["final_weights_sha256"], rb["final_weights_sha256"]);
  EXPECT_EQ(ra["best"]["checkpoint_sha256"], rb["best"]["checkpoint_sha256"]);
  EXPECT_EQ(ra["test"], rb["test"]);
  EXPECT_TRUE(ra["data"]["cache"].is_null());
  for (const char* split : {"train", "val", "test"}) {
    const nlohmann::json& use = rb["data"]["cache"][split];
    EXPECT_EQ(use["built"], true) << split;
    EXPECT_EQ(use["key"].get<std::string>().size(), 64u);
    EXPECT_EQ(use["content_sha256"].get<std::string>().size(), 64u);
    EXPECT_TRUE(fs::exists(use["file"].get<std::string>())) << use;
  }
  EXPECT_NE(b.err.find("cache: built train"), std::string::npos) << b.err;
  EXPECT_FALSE(rb["spec"]["dataset"].contains("cache"));

  // Another run over the same data finds the caches.
  const fs::path again = project("cached", "cache = true\n", 2);
  const CommandResult c = run(again);
  ASSERT_EQ(c.exit_code, 0) << c.out << c.err;
  const nlohmann::json rc = record_of(c, again);
  EXPECT_EQ(rc["data"]["cache"]["train"]["built"], false);
  EXPECT_EQ(rc["data"]["cache"]["train"]["key"], rb["data"]["cache"]["train"]["key"]);
  EXPECT_EQ(rc["data"]["cache"]["train"]["content_sha256"], rb["data"]["cache"]["train"]["content_sha256"]);
}

TEST_F(CacheCommand, BuildListsVerifiesAndCollects) {
  const fs::path folder = project("tools", "");
  const CommandResult build = run_eorun({"cache", "build", "--config", "run.toml"}, folder);
  ASSERT_EQ(build.exit_code, 0) << build.out << build.err;
  EXPECT_EQ(std::count(build.out.begin(), build.out.end(), '\n'), 5) << build.out;  // header, rule, 3 splits
  EXPECT_NE(build.out.find("built in"), std::string::npos) << build.out;
  const CommandResult rebuild = run_eorun({"cache", "build", "--config", "run.toml"}, folder);
  EXPECT_NE(rebuild.out.find("present"), std::string::npos) << rebuild.out;
  EXPECT_EQ(rebuild.out.find("built in"), std::string::npos) << rebuild.out;

  const CommandResult ls = run_eorun({"cache", "ls", "--format", "json"}, folder);
  ASSERT_EQ(ls.exit_code, 0) << ls.err;
  const nlohmann::json listed = nlohmann::json::parse(ls.out);
  ASSERT_EQ(listed.size(), 3u);
  std::set<std::string> splits;
  for (const nlohmann::json& entry : listed) {
    splits.insert(entry["dataset"]["split"].get<std::string>());
    EXPECT_EQ(entry["dataset"]["plugin"], "bigearthnet");
    // Stored exactly: uint16 where every resampled value is an integer, float32 otherwise.
    const std::string type = entry["inputs"][0]["type"].get<std::string>();
    EXPECT_TRUE(type == "uint16" || type == "float32") << type;
    EXPECT_EQ(entry["inputs"][0]["shape"], nlohmann::json({12, 120, 120}));
  }
  EXPECT_EQ(splits, (std::set<std::string>{"train", "val", "test"}));
  const CommandResult table = run_eorun({"cache", "ls"}, folder);
  EXPECT_NE(table.out.find("3 cache(s)"), std::string::npos) << table.out;

  const CommandResult verify = run_eorun({"cache", "verify"}, folder);
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.out.find("3 cache(s) checked, 0 damaged or stale"), std::string::npos) << verify.out;

  const CommandResult dry = run_eorun({"cache", "gc", "--max-size", "1k", "--dry-run"}, folder);
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(run_eorun({"cache", "ls", "--format", "json"}, folder).out, ls.out) << "a dry run removes nothing";
  const CommandResult young = run_eorun({"cache", "gc", "--older-than", "30d"}, folder);
  EXPECT_NE(young.out.find("freed 0 B (0 cache(s))"), std::string::npos) << young.out;
  const CommandResult gc = run_eorun({"cache", "gc", "--max-size", "1k"}, folder);
  EXPECT_NE(gc.out.find("(3 cache(s))"), std::string::npos) << gc.out;
  EXPECT_NE(run_eorun({"cache", "ls"}, folder).out.find("no packed caches"), std::string::npos);

  const CommandResult bad_size = run_eorun({"cache", "gc", "--max-size", "lots"}, folder);
  EXPECT_EQ(bad_size.exit_code, 2);
  EXPECT_NE(bad_size.err.find("eorun: error: --max-size: 'lots' is not a size"), std::string::npos) << bad_size.err;
  const CommandResult nothing = run_eorun({"cache", "build"}, folder);
  EXPECT_EQ(nothing.exit_code, 2);
  EXPECT_NE(nothing.err.find("give --config RUN.toml or --sweep FILE.lua"), std::string::npos) << nothing.err;
}

// A byte inside the first sample's record.
constexpr std::uint64_t kFirstSampleByte = packed::kPreambleBytes + 100;

TEST_F(CacheCommand, ADamagedCacheFailsNoRunSilentlyAndIsRebuilt) {
  const fs::path folder = project("damaged", "cache = true\n");
  const CommandResult first = run(folder);
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const nlohmann::json record = record_of(first, folder);
  const fs::path train = record["data"]["cache"]["train"]["file"].get<std::string>();
  flip_byte(train, kFirstSampleByte);

  const CommandResult check = run_eorun({"cache", "verify", "--keep"}, folder);
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_NE(check.out.find("damaged: 1 sample(s) fail their checksums (the first: index 0)"), std::string::npos)
      << check.out;
  EXPECT_TRUE(fs::exists(train));

  // A run that meets the damaged sample fails, saying so, and removes the file.
  const fs::path second = project("damaged", "cache = true\n", 5);
  const CommandResult failed = run(second);
  EXPECT_EQ(failed.exit_code, 1) << failed.out << failed.err;
  EXPECT_NE(failed.out.find("fails its checksum"), std::string::npos) << failed.out;
  EXPECT_FALSE(fs::exists(train));
  // Run again: the cache is rebuilt, identical to the first.
  const CommandResult retried = run(second);
  ASSERT_EQ(retried.exit_code, 0) << retried.out << retried.err;
  const nlohmann::json rebuilt = record_of(retried, second);
  EXPECT_EQ(rebuilt["data"]["cache"]["train"]["built"], true);
  EXPECT_EQ(rebuilt["data"]["cache"]["train"]["content_sha256"], record["data"]["cache"]["train"]["content_sha256"]);

  // A truncated file is found on open and rebuilt at once.
  fs::resize_file(train, fs::file_size(train) - 10);
  const CommandResult truncated = run(project("damaged", "cache = true\n", 6));
  ASSERT_EQ(truncated.exit_code, 0) << truncated.out << truncated.err;
  EXPECT_NE(truncated.err.find("replaced a cache that is"), std::string::npos) << truncated.err;
  EXPECT_NE(truncated.err.find("(truncated)"), std::string::npos) << truncated.err;
}

TEST_F(CacheCommand, ACacheOfChangedSourceFilesIsStaleAndNeverUsed) {
  ASSERT_EQ(run_eorun({"data", "synth", "--dataset", "bigearthnet", "--out", "data2", "--patches", "30"}, dir_->path())
                .exit_code,
            0);
  const fs::path folder = project("stale", "", 1, "data2");
  ASSERT_EQ(run_eorun({"cache", "build", "--config", "run.toml"}, folder).exit_code, 0);
  // One band file of one patch gets other bytes (GDAL reads it as before: the bytes are past the
  // image), as a re-download or an edit would.
  fs::path band;
  for (const auto& entry : fs::recursive_directory_iterator(dir_->path() / "data2"))
    if (entry.path().extension() == ".tif") {
      band = entry.path();
      break;
    }
  ASSERT_FALSE(band.empty());
  std::ofstream(band, std::ios::app | std::ios::binary) << "changed";

  const CommandResult check = run_eorun({"cache", "verify", "--keep"}, folder);
  EXPECT_EQ(check.exit_code, 1) << check.out;
  EXPECT_NE(check.out.find("stale: 1 source file(s) changed since it was built"), std::string::npos) << check.out;
  // The changed data has another key: building again makes a new cache for its split.
  const CommandResult build = run_eorun({"cache", "build", "--config", "run.toml"}, folder);
  EXPECT_NE(build.out.find("built in"), std::string::npos) << build.out;
  const CommandResult verify = run_eorun({"cache", "verify"}, folder);
  EXPECT_NE(verify.out.find("; removed"), std::string::npos) << verify.out;
  EXPECT_EQ(run_eorun({"cache", "verify"}, folder).exit_code, 0);
}

// A sweep's runs in two worker processes at once: both read the caches, one of them built them.
TEST_F(CacheCommand, SweepWorkersShareTheCachesAndBuildThemOnce) {
  const fs::path folder = dir_->path() / "sweep";
  fs::create_directories(folder);
  std::ofstream(folder / "sweep.lua")
      << "return sweep {\n  name = \"cached\",\n  base = {\n"
      << "    dataset = { plugin = \"bigearthnet\", root = \"" << (dir_->path() / "data").string()
      << "\", classes = 19, bands = \"ms\", cache = true },\n"
      << "    model = { plugin = \"shortcnn\" }, loss = { plugin = \"bce\" },\n"
      << "    train = { epochs = 1, batch_size = 8, threads = 1 },\n  },\n"
      << "  grid = { [\"train.seed\"] = { 1, 2 } },\n}\n";
  const CommandResult sweep = run_eorun({"sweep", "sweep.lua", "--jobs", "2", "--no-progress"}, folder);
  ASSERT_EQ(sweep.exit_code, 0) << sweep.out << sweep.err;
  int built = 0, records = 0;
  for (const auto& entry : fs::directory_iterator(folder / "runs")) {
    const fs::path file = entry.path() / "record.json";
    if (!fs::exists(file)) continue;
    const nlohmann::json record = nlohmann::json::parse(test::read_text(file));
    ++records;
    ASSERT_TRUE(record["data"]["cache"].is_object()) << "the worker was told dataset.cache";
    built += record["data"]["cache"]["train"]["built"].get<bool>() ? 1 : 0;
  }
  EXPECT_EQ(records, 2);
  EXPECT_EQ(built, 1) << "two processes needing one cache build it once";

  const CommandResult build = run_eorun({"cache", "build", "--sweep", "sweep.lua"}, folder);
  ASSERT_EQ(build.exit_code, 0) << build.out << build.err;
  EXPECT_EQ(std::count(build.out.begin(), build.out.end(), '\n'), 5) << build.out;  // one reading, 3 splits
  EXPECT_EQ(build.out.find("built in"), std::string::npos) << build.out;
}

TEST_F(CacheCommand, DataBenchMeasuresThePluginTheCacheAndTheRawFile) {
  const fs::path folder = project("bench", "");
  const CommandResult bench = run_eorun(
      {"data", "bench", "--config", "run.toml", "--threads", "1,2", "--cache", "--format", "json"}, folder);
  ASSERT_EQ(bench.exit_code, 0) << bench.out << bench.err;
  const nlohmann::json out = nlohmann::json::parse(bench.out);
  EXPECT_EQ(out["split"], "train");
  EXPECT_EQ(out["cache"]["built"], true);
  std::map<std::string, int> rows;
  for (const nlohmann::json& m : out["measurements"]) {
    ++rows[m["path"].get<std::string>()];
    EXPECT_EQ(m["samples"], out["samples"]);
    EXPECT_GT(m["patches_per_s"].get<double>(), 0) << m;
    if (m["path"] == "cache" && m["pass"] != "first pass") {
      EXPECT_GT(m["time_vs_raw"].get<double>(), 0) << m;
    }
  }
  EXPECT_EQ(rows["plugin"], 3);  // first pass, 1 and 2 threads
  EXPECT_EQ(rows["cache"], 3);
  EXPECT_EQ(rows["raw"], 2);
  const CommandResult table = run_eorun({"data", "bench", "--config", "run.toml", "--threads", "1", "--cache"}, folder);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("already built"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("time vs raw"), std::string::npos) << table.out;
}

}  // namespace
}  // namespace eorun
