// `eorun query` and `eorun show` driven through their CLI11 subcommands, output captured.
#include <iostream>
#include <sstream>

#include <gtest/gtest.h>
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "eorun/error.hpp"
#include "record_fixture.hpp"
#include "registry/registry.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using nlohmann::json;
using test::full_record;
using test::run_id;

struct CliResult {
  std::string out;
  ExitCode exit_code = ExitCode::ok;
};

class CliCommandsTest : public ::testing::Test {
 protected:
  // Runs `eorun --registry <db> args...` in-process; eorun::Error propagates as in main.
  CliResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {"eorun", "--registry", db_.string()});
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    AppContext context;
    CLI::App app;
    app.add_option("--registry", context.registry);
    add_query_command(app, context);
    add_show_command(app, context);
    std::ostringstream captured;
    std::streambuf* original = std::cout.rdbuf(captured.rdbuf());
    struct Restore {
      std::streambuf* original;
      ~Restore() { std::cout.rdbuf(original); }
    } restore{original};
    try {
      app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const Error&) {
      last_exit_code_value_ = context.exit_code;
      throw;
    }
    return {captured.str(), context.exit_code};
  }

  // The eorun::Error `args` throw, and the exit code they set.
  std::pair<std::string, ExitCode> error_of(std::vector<std::string> args) {
    try {
      run(std::move(args));
    } catch (const Error& e) {
      return {e.what(), last_exit_code_value_};
    }
    return {"no error", ExitCode::ok};
  }

  // Three completed runs that differ in lr (and one failed run that differs in optimizer).
  void add_runs() {
    Registry registry = Registry::open(db_);
    const std::vector<std::pair<std::string, double>> runs = {
        {"aaaaaa", 0.001}, {"bbbbbb", 0.01}, {"cccccc", 0.1}};
    double f1 = 0.4;
    for (const auto& [prefix, lr] : runs) {
      json record = test::with_metric(full_record(run_id(prefix)), "f1_macro", f1, f1 + 0.05);
      record["spec"]["train"]["lr"] = lr;
      registry.ingest(record);
      f1 += 0.1;
    }
    json failed = test::failed_record(run_id("dddddd"), "diverged");
    failed["spec"]["train"]["optimizer"] = "sgd";
    registry.ingest(failed);
  }

  test::TempDir dir_;
  std::filesystem::path db_ = dir_.path() / "eorun.db";
  ExitCode last_exit_code_value_ = ExitCode::ok;
};

TEST_F(CliCommandsTest, QueryTableRanksRunsAndShowsWhatDiffers) {
  add_runs();
  const CliResult result = run({"query", "--best", "f1_macro"});
  EXPECT_EQ(result.exit_code, ExitCode::ok);
  const std::string& out = result.out;
  EXPECT_NE(out.find("Best 3 of 3 completed runs by val f1_macro (higher is better)"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("train.lr"), std::string::npos) << out;
  EXPECT_EQ(out.find("train.optimizer"), std::string::npos) << "failed runs do not count\n" << out;
  const std::size_t c = out.find(run_id("cccccc").substr(0, 12) + "  0.1 ");
  const std::size_t b = out.find(run_id("bbbbbb").substr(0, 12) + "  0.01 ");
  const std::size_t a = out.find(run_id("aaaaaa").substr(0, 12) + "  0.001 ");
  ASSERT_NE(c, std::string::npos) << out;
  EXPECT_LT(c, b);
  EXPECT_LT(b, a);
  EXPECT_NE(out.find("best run  " + run_id("cccccc")), std::string::npos) << out;
  EXPECT_NE(out.find("checkpoint sha256  " + std::string(64, 'c')), std::string::npos) << out;
}

TEST_F(CliCommandsTest, QueryJsonCarriesFullIdsParamsAndTestMetrics) {
  add_runs();
  const json out =
      json::parse(run({"query", "--best", "f1_macro", "--top", "2", "--format", "json"}).out);
  EXPECT_EQ(out["metric"], "f1_macro");
  EXPECT_EQ(out["completed_runs"], 3);
  EXPECT_EQ(out["varying_keys"], json({"train.lr"}));
  ASSERT_EQ(out["runs"].size(), 2u);
  const json& best = out["runs"][0];
  EXPECT_EQ(best["run_id"], run_id("cccccc"));
  EXPECT_EQ(best["params"], json({{"train.lr", 0.1}}));
  EXPECT_DOUBLE_EQ(best["value"].get<double>(), 0.6);
  EXPECT_EQ(best["test"], Registry::open(db_).load_record(run_id("cccccc"))->at("test"));
  EXPECT_DOUBLE_EQ(best["val"]["f1_macro"].get<double>(), 0.6);
  EXPECT_EQ(best["best"]["checkpoint_sha256"], std::string(64, 'c'));
}

TEST_F(CliCommandsTest, QueryCsvHasFullIdsAndOneColumnPerTestMetric) {
  add_runs();
  const std::string out =
      run({"query", "--best", "hamming_loss", "--split", "test", "--format", "csv"}).out;
  std::istringstream lines(out);
  std::string header, first;
  std::getline(lines, header);
  std::getline(lines, first);
  EXPECT_EQ(header,
            "rank,run_id,train.lr,val.hamming_loss,test.f1_macro,test.f1_micro,"
            "test.hamming_loss,test.map_macro");
  EXPECT_EQ(first.substr(0, 2 + 64), "1," + run_id("aaaaaa"));  // all equal: smallest id first
}

TEST_F(CliCommandsTest, QueryFailuresSayWhatToDo) {
  auto [missing, missing_code] = error_of({"query", "--best", "f1_macro"});
  EXPECT_EQ(missing, db_.string() +
                         ": no run registry here; run `eorun run CONFIG.toml` first or pass "
                         "--registry");
  EXPECT_FALSE(std::filesystem::exists(db_));  // a read-only command creates nothing

  Registry::open(db_);
  auto [empty, empty_code] = error_of({"query", "--best", "f1_macro"});
  EXPECT_NE(empty.find("has no runs yet"), std::string::npos) << empty;
  EXPECT_EQ(empty_code, ExitCode::failed);

  add_runs();
  auto [unknown, unknown_code] = error_of({"query", "--best", "f1_mac"});
  EXPECT_NE(unknown.find("choose one of: f1_macro, hamming_loss, map_macro"), std::string::npos)
      << unknown;
  EXPECT_EQ(unknown_code, ExitCode::ok);  // main reports it as bad input (2)
}

TEST_F(CliCommandsTest, ShowJsonPrintsTheRecordAsRecorded) {
  add_runs();
  const json out =
      json::parse(run({"show", run_id("bbbbbb").substr(0, 8), "--format", "json"}).out);
  EXPECT_EQ(out, *Registry::open(db_).load_record(run_id("bbbbbb")));
}

TEST_F(CliCommandsTest, ShowTablePrintsEverySectionWithFullHashes) {
  add_runs();
  const std::string out = run({"show", "BBBBBB"}).out;
  for (const std::string& expected :
       {"run       " + run_id("bbbbbb"), std::string("status    completed (attempt 1)"),
        std::string("\nspec:\n"), std::string("train.lr"), std::string("\nplugins:\n"),
        std::string(64, 'a'), std::string("\ndata:\n"), std::string(64, 'd'),
        std::string("\nenvironment:\n"), std::string("\ntiming:\n"), std::string("\nepochs:\n"),
        std::string(12, '3'), std::string("\ntest metrics:\n"), std::string("\nweights:\n"),
        "runs/" + run_id("bbbbbb") + "/best.pt", std::string(64, 'c'), std::string(64, 'f')})
    EXPECT_NE(out.find(expected), std::string::npos) << expected << "\n" << out;

  const std::string failed = run({"show", "dddddd"}).out;
  EXPECT_NE(failed.find("status    failed: diverged (attempt 1)"), std::string::npos) << failed;
}

TEST_F(CliCommandsTest, ShowNeedsAKnownRun) {
  add_runs();
  EXPECT_EQ(
      error_of({"show", "eeeeee"}).first,
      "run id 'eeeeee': matches no run in " + db_.string() + "; list runs with `eorun query`");
}

}  // namespace
}  // namespace eorun
