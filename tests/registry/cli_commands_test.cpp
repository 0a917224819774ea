// `eorun query` and `eorun show` driven through their declared options and implementations,
// output captured.
#include <cmath>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <gtest/gtest.h>

#include "cli/commands.hpp"
#include "eorun/error.hpp"
#include "query_fixture.hpp"
#include "record_fixture.hpp"
#include "registry/registry.hpp"
#include "registry_test_support.hpp"
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
    QueryArgs query;
    CLI::App* query_command = app.add_subcommand("query");
    declare_query(*query_command, query);
    query_command->callback([&] { execute(query, context); });
    ShowArgs show;
    CLI::App* show_command = app.add_subcommand("show");
    declare_show(*show_command, show);
    show_command->callback([&] { execute(show, context); });
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
      RunRecord record =
          test::with_metric(test::full_run_record(run_id(prefix)), "f1_macro", f1, f1 + 0.05);
      record.spec["train"]["lr"] = lr;
      registry.ingest(record);
      f1 += 0.1;
    }
    RunRecord failed = test::failed_run_record(run_id("dddddd"), "diverged");
    failed.spec["train"]["optimizer"] = "sgd";
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
        std::string(64, 'a'), std::string("\nfiles named by the spec:\n"),
        std::string("model.weights"), std::string(64, 'e'), std::string("\ndata:\n"),
        std::string(64, 'd'),
        std::string("\nenvironment:\n"), std::string("\ntiming:\n"), std::string("\nepochs:\n"),
        std::string(12, '3'), std::string("\ntest metrics:\n"), std::string("\nweights:\n"),
        "runs/" + run_id("bbbbbb") + "/best.pt", std::string(64, 'c'), std::string(64, 'f')})
    EXPECT_NE(out.find(expected), std::string::npos) << expected << "\n" << out;

  const std::string failed = run({"show", "dddddd"}).out;
  EXPECT_NE(failed.find("status    failed: diverged (attempt 1)"), std::string::npos) << failed;
}

TEST_F(CliCommandsTest, ShowPrintsFormat1RecordsAsWrittenAndInFull) {
  const json completed = test::format1_record("format1_completed");
  const json lost = test::format1_lost_worker_record(run_id("10057"));
  {
    Registry registry = Registry::open(db_);
    registry.ingest(completed);
    registry.ingest(lost);
  }
  EXPECT_EQ(json::parse(run({"show", "80b14a0f", "--format", "json"}).out), completed);

  const std::string out = run({"show", "80b14a0f"}).out;
  for (const std::string& expected :
       {std::string("status    completed (attempt 1)"), std::string("seed      1, threads 1"),
        std::string("train.selection_metric  f1_macro"),
        std::string("eb5fb17ccf18ddb9a6149f03c1ceba94b95114d573e08fd4199796aa698efc27"),
        std::string("base                  /tmp/f1/data"), std::string("libtorch        1.13.0"),
        std::string("peak_rss_bytes      307879936"), std::string("0.4784"),
        std::string("928d0b7eb9ec"), std::string("subset_accuracy  0\n"),
        std::string("best epoch            1 (val f1_macro 0.1053)"),
        std::string("weights chain sha256  "
                    "f9eed0d319f256a07e0dd5d94c81b32d9556944aade09c63a269fb9654bd63da")})
    EXPECT_NE(out.find(expected), std::string::npos) << expected << "\n" << out;

  const std::string lost_out = run({"show", "100570"}).out;
  EXPECT_NE(lost_out.find("status    failed: the worker process ended"), std::string::npos)
      << lost_out;
  EXPECT_NE(lost_out.find("bundle    -"), std::string::npos) << lost_out;
  EXPECT_EQ(lost_out.find("\ndata:"), std::string::npos) << lost_out;
}

TEST_F(CliCommandsTest, ShowNeedsAKnownRun) {
  add_runs();
  EXPECT_EQ(
      error_of({"show", "eeeeee"}).first,
      "run id 'eeeeee': matches no run in " + db_.string() + "; list runs with `eorun query`");
}

// The start of `text`, as long as `expected`: for messages that go on with a long list.
std::string start_of(const std::string& text, const std::string& expected) {
  return text.substr(0, expected.size());
}

// The CSV lines of `out`.
std::vector<std::string> lines_of(const std::string& out) {
  std::vector<std::string> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class QueryToolTest : public CliCommandsTest {
 protected:
  void SetUp() override {
    Registry registry = Registry::open(db_);
    test::add_query_runs(registry);
  }

  json query_json(std::vector<std::string> args) {
    args.insert(args.begin(), "query");
    args.insert(args.end(), {"--format", "json"});
    return json::parse(run(std::move(args)).out);
  }

  std::vector<std::string> run_ids_of(const json& out) {
    std::vector<std::string> prefixes;
    for (const json& row : out["runs"])
      prefixes.push_back(row["run_id"].get<std::string>().substr(0, 2));
    return prefixes;
  }
};

TEST_F(QueryToolTest, WhereFiltersTheRankedRuns) {
  const json out =
      query_json({"--best", "f1_macro", "--where", "dataset.bands = 'ms' and train.lr < 1e-2"});
  EXPECT_EQ(run_ids_of(out), (std::vector<std::string>{"b2", "b1", "c1"}));
  EXPECT_EQ(out["where"], "dataset.bands = 'ms' and train.lr < 1e-2");
  EXPECT_EQ(out["selected_runs"], 3);
  EXPECT_EQ(out["varying_keys"], json({"model.width", "train.optimizer", "train.seed"}));

  const std::string table =
      run({"query", "--best", "f1_macro", "--where", "dataset.bands = 'ms'"}).out;
  EXPECT_NE(table.find("Best 3 of 3 completed runs selected by --where by val f1_macro"),
            std::string::npos)
      << table;
  const std::vector<std::string> csv =
      lines_of(run({"query", "--best", "f1_macro", "--where", "seed = 3", "--format", "csv"}).out);
  ASSERT_EQ(csv.size(), 2u);
  EXPECT_EQ(csv[1].substr(0, 2 + 64), "1," + run_id("a3"));
}

TEST_F(QueryToolTest, AFilterThatMatchesNothingIsAnEmptyResultNotAnError) {
  const CliResult table = run({"query", "--best", "f1_macro", "--where", "seed > 100"});
  EXPECT_EQ(table.exit_code, ExitCode::ok);
  EXPECT_EQ(table.out,
            "No run to show: 0 completed runs selected by --where, none with a number for val "
            "f1_macro\n");
  EXPECT_EQ(query_json({"--best", "f1_macro", "--where", "seed > 100"})["runs"], json::array());
  EXPECT_EQ(
      lines_of(run({"query", "--best", "f1_macro", "--where", "seed > 100", "--format", "csv"}).out)
          .size(),
      1u);  // the header
}

TEST_F(QueryToolTest, GroupByAveragesOverSeeds) {
  const json out =
      query_json({"--best", "f1_macro", "--group-by", "dataset.bands, train.optimizer"});
  EXPECT_EQ(out["group_by"], json({"dataset.bands", "train.optimizer"}));
  EXPECT_EQ(out["grouped_runs"], 6);
  ASSERT_EQ(out["groups"].size(), 3u);
  const json& first = out["groups"][0];
  EXPECT_EQ(first["key"], json({{"dataset.bands", "ms"}, {"train.optimizer", "adam"}}));
  EXPECT_EQ(first["runs"], 2);
  EXPECT_NEAR(first["val"]["mean"].get<double>(), 0.85, 1e-12);
  EXPECT_NEAR(first["val"]["std"].get<double>(), std::sqrt(0.005), 1e-12);
  EXPECT_NEAR(first["test"]["mean"].get<double>(), 0.725, 1e-12);
  // Two runs: Student t with one degree of freedom, t(0.975, 1) = tan(0.475 pi).
  const double t1 = std::tan(0.475 * M_PI);
  EXPECT_NEAR(first["val"]["ci95"].get<double>(), t1 * std::sqrt(0.005) / std::sqrt(2.0), 1e-12);
  const json& second = out["groups"][1];
  EXPECT_NEAR(second["val"]["std"].get<double>(), 0.1, 1e-12);
  EXPECT_NEAR(second["test"]["std"].get<double>(), std::sqrt(0.07), 1e-12);
  const json& last = out["groups"][2];
  EXPECT_EQ(last["val"]["n"], 1);
  EXPECT_TRUE(last["val"]["std"].is_null());
  EXPECT_TRUE(last["val"]["ci95"].is_null());

  const std::string table =
      run({"query", "--best", "f1_macro", "--group-by", "dataset.bands,train.optimizer"}).out;
  EXPECT_NE(table.find("Groups by dataset.bands, train.optimizer of 7 completed runs (1 without "
                       "a number for val f1_macro left out)"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("ms             adam             2     0.85      0.07071  0.6353    0.725      "
                       "0.03536   0.3177"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("ms             sgd              1     0.3                          0.2\n"),
            std::string::npos)
      << table;

  const std::vector<std::string> csv = lines_of(
      run({"query", "--best", "f1_macro", "--group-by", "train.seed", "--format", "csv"}).out);
  ASSERT_EQ(csv.size(), 4u);
  EXPECT_EQ(csv[0],
            "train.seed,runs,val.f1_macro.mean,val.f1_macro.std,val.f1_macro.ci95,"
            "test.f1_macro.mean,test.f1_macro.std,test.f1_macro.ci95");
  EXPECT_EQ(csv[1].substr(0, 4), "2,2,");  // a2 0.6, b2 0.9: mean 0.75
}

TEST_F(QueryToolTest, SweepAndColumnsPickRunsAndWhatIsShown) {
  const json out = query_json({"--best", "f1_macro", "--sweep", "finetune", "--columns",
                               "seed,sweep,test.f1_micro,dataset.bands,wall_seconds"});
  EXPECT_EQ(run_ids_of(out), (std::vector<std::string>{"b2", "b1"}));
  EXPECT_EQ(out["sweep"], run_id("5eeee1"));
  EXPECT_EQ(out["columns"],
            json({"seed", "sweep", "test.f1_micro", "dataset.bands", "wall_seconds"}));
  EXPECT_EQ(out["runs"][0]["columns"], json({{"seed", 2},
                                             {"sweep", "finetune"},
                                             {"test.f1_micro", 0.6},
                                             {"dataset.bands", "ms"},
                                             {"wall_seconds", 12.3}}));
  EXPECT_EQ(out["runs"][0]["params"], json({{"dataset.bands", "ms"}}));

  const std::vector<std::string> csv =
      lines_of(run({"query", "--best", "f1_macro", "--sweep", "finetune", "--columns",
                    "seed,train.lr", "--format", "csv"})
                   .out);
  ASSERT_EQ(csv.size(), 3u);
  EXPECT_EQ(csv[0], "rank,run_id,seed,train.lr,val.f1_macro,test.f1_macro");
  EXPECT_EQ(csv[1], "1," + run_id("b2") + ",2,0.001,0.9,0.75");

  const std::string table =
      run({"query", "--best", "f1_macro", "--sweep", "finetune", "--columns", "seed"}).out;
  EXPECT_NE(table.find("Best 2 of 2 completed runs of sweep finetune by val f1_macro"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("#  run           seed  val f1_macro  test f1_macro\n"), std::string::npos)
      << table;
}

TEST_F(QueryToolTest, WithoutBestRunsAreListedNewestFirst) {
  const json out = query_json({"--where", "status != 'completed'", "--columns", "status"});
  EXPECT_EQ(run_ids_of(out), (std::vector<std::string>{"d1"}));
  EXPECT_EQ(out["runs"][0]["columns"]["status"], "failed");
  EXPECT_FALSE(out.contains("metric"));
  const std::string table = run({"query", "--top", "all"}).out;
  EXPECT_NE(table.find("Latest 7 of 7 completed runs"), std::string::npos) << table;
  const std::string failed = run({"query", "--where", "status = 'failed'"}).out;
  EXPECT_NE(failed.find("failed"), std::string::npos) << failed;
}

TEST_F(QueryToolTest, TopLimitsRunsAndGroups) {
  EXPECT_EQ(query_json({"--best", "f1_macro", "--top", "2"})["runs"].size(), 2u);
  EXPECT_EQ(query_json({"--best", "f1_macro"})["runs"].size(), 6u);
  EXPECT_EQ(query_json({"--best", "f1_macro", "--top", "all"})["runs"].size(), 6u);
  const json groups = query_json({"--best", "f1_macro", "--group-by", "train.seed", "--top", "1"});
  EXPECT_EQ(groups["groups"].size(), 1u);
  EXPECT_EQ(groups["total_groups"], 3);
  EXPECT_EQ(error_of({"query", "--best", "f1_macro", "--top", "0"}).first,
            "--top '0': is not a number of rows; give a positive whole number, or 'all'");
}

class CostToolTest : public QueryToolTest {
 protected:
  void SetUp() override {
    Registry registry = Registry::open(db_);
    test::add_cost_runs(registry);
  }
};

TEST_F(CostToolTest, BestRanksByAFigureLowestFirst) {
  const CliResult result = run({"query", "--best", "energy_j"});
  EXPECT_EQ(result.exit_code, ExitCode::ok);
  const std::string& out = result.out;
  EXPECT_NE(out.find("Best 2 of 4 completed runs by energy_j (lower is better)"),
            std::string::npos)
      << out;
  const std::size_t c2 = out.find(run_id("c2").substr(0, 12));
  const std::size_t c1 = out.find(run_id("c1").substr(0, 12));
  ASSERT_NE(c2, std::string::npos) << out;
  EXPECT_LT(c2, c1);
  EXPECT_EQ(out.find(run_id("c3").substr(0, 12)), std::string::npos) << "no energy: left out";
  EXPECT_NE(out.find("energy_j  test f1_macro"), std::string::npos) << out;
  EXPECT_NE(out.find("best run  " + run_id("c2")), std::string::npos) << out;

  const std::string throughput = run({"query", "--best", "samples_per_second"}).out;
  EXPECT_NE(throughput.find("by samples_per_second (higher is better)"), std::string::npos)
      << throughput;
}

TEST_F(CostToolTest, CostColumnsShowADashWhereNothingWasMeasured) {
  const std::string out =
      run({"query", "--best", "wall_seconds", "--columns", "energy_j,co2_g,wall_seconds"}).out;
  EXPECT_NE(out.find("#  run           energy_j  co2_g  wall_seconds\n"), std::string::npos)
      << "the ranked figure is among the columns: shown once\n" << out;
  EXPECT_NE(out.find(run_id("c1").substr(0, 12) + "  300       0.03   10\n"), std::string::npos)
      << out;
  EXPECT_NE(out.find(run_id("c3").substr(0, 12) + "  -         -      20\n"), std::string::npos)
      << out;
  EXPECT_NE(out.find(run_id("c5").substr(0, 12) + "  -         -      40\n"), std::string::npos)
      << out;

  const std::vector<std::string> csv = lines_of(
      run({"query", "--best", "energy_j", "--columns", "co2_g,cpu_seconds", "--format", "csv"})
          .out);
  ASSERT_EQ(csv.size(), 3u);
  EXPECT_EQ(csv[0], "rank,run_id,co2_g,cpu_seconds,energy_j");
  EXPECT_EQ(csv[1], "1," + run_id("c2") + ",0.01,60,100");
  const std::vector<std::string> listed =
      lines_of(run({"query", "--where", "seed = 1", "--columns", "energy_j", "--format", "csv"})
                   .out);
  ASSERT_EQ(listed.size(), 3u);  // c3 (newest first), then c1
  EXPECT_EQ(listed[1], "1," + run_id("c3") + ",");
  EXPECT_EQ(listed[2], "2," + run_id("c1") + ",300");
}

TEST_F(CostToolTest, JsonSaysAFigureHasNoSplit) {
  const json out = query_json({"--best", "co2_g", "--columns", "energy_j"});
  EXPECT_EQ(out["metric"], "co2_g");
  EXPECT_TRUE(out["split"].is_null());
  EXPECT_EQ(out["higher_is_better"], false);
  ASSERT_EQ(out["runs"].size(), 2u);
  EXPECT_EQ(out["runs"][0]["run_id"], run_id("c2"));
  EXPECT_EQ(out["runs"][0]["value"], 0.01);
  EXPECT_EQ(out["runs"][0]["columns"], json({{"energy_j", 100}}));
}

TEST_F(CostToolTest, WhereAndGroupByTakeFigures) {
  EXPECT_EQ(run_ids_of(query_json({"--best", "f1_macro", "--where", "energy_j < 200 or "
                                                                    "energy_j > 250"})),
            (std::vector<std::string>{"c2", "c1"}));
  const std::string table = run({"query", "--best", "co2_g", "--group-by", "dataset.bands"}).out;
  EXPECT_NE(table.find("Groups by dataset.bands of 4 completed runs (2 without a number for co2_g "
                       "left out): mean, std (n-1) and 95% confidence half-width (Student t) of co2_g, best "
                       "mean first (lower is better)"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("dataset.bands  runs  co2_g mean  co2_g std  co2_g ci95\n"),
            std::string::npos)
      << table;
  const json groups = query_json({"--best", "wall_seconds", "--group-by", "dataset.bands",
                                  "--columns", "energy_j"});
  EXPECT_TRUE(groups["split"].is_null());
  ASSERT_EQ(groups["groups"].size(), 2u);
  EXPECT_EQ(groups["groups"][0]["key"], json({{"dataset.bands", "rgb"}}));
  EXPECT_DOUBLE_EQ(groups["groups"][0]["value"]["mean"].get<double>(), 20.0);
  EXPECT_EQ(groups["groups"][1]["columns"]["energy_j"]["n"], 0);
  EXPECT_FALSE(groups["groups"][0].contains("val"));
  const std::vector<std::string> csv = lines_of(
      run({"query", "--best", "energy_j", "--group-by", "seed", "--format", "csv"}).out);
  EXPECT_EQ(csv.at(0), "seed,runs,energy_j.mean,energy_j.std,energy_j.ci95");
}

TEST_F(CostToolTest, AFigureNoRunMeasuredIsAFailedQuery) {
  auto [message, code] = error_of({"query", "--best", "gpu_energy_j"});
  EXPECT_EQ(message, "--best gpu_energy_j: no completed run in " + db_.string() +
                         " has a number for it (it is null where a run could not measure it, and "
                         "in runs recorded before eorun measured it); rank by another figure or a "
                         "metric");
  EXPECT_EQ(code, ExitCode::failed);
  EXPECT_EQ(run({"query", "--best", "gpu_energy_j", "--where", "seed = 1"}).out,
            "No run to show: 2 completed runs selected by --where, none with a number for "
            "gpu_energy_j\n");
}

TEST_F(CostToolTest, ShowPrintsTheCostWithUnits) {
  const std::string out = run({"show", run_id("c1").substr(0, 8)}).out;
  EXPECT_NE(out.find("\ncost:\n"
                     "  parameters_total      1000\n"
                     "  parameters_trainable  500\n"
                     "  cpu_seconds           20 s (user + system)\n"
                     "  energy_j              300 J = 8.33333e-05 kWh (CPU packages)\n"
                     "  gpu_energy_j          - (trained on the CPU)\n"
                     "  co2_g                 0.03 g CO2-eq\n"),
            std::string::npos)
      << out;
  const std::string unmeasured = run({"show", run_id("c3").substr(0, 8)}).out;
  EXPECT_NE(unmeasured.find("  energy_j              - (not measured)\n"), std::string::npos)
      << unmeasured;
  EXPECT_NE(unmeasured.find("  co2_g                 - (not measured)\n"), std::string::npos)
      << unmeasured;
  EXPECT_EQ(run({"show", run_id("c5").substr(0, 8)}).out.find("\ncost:"), std::string::npos)
      << "a record without a cost has no cost section";
}

// Every filter and shape, with every format: all succeed and print what the format promises.
TEST_F(QueryToolTest, EveryCombinationWorksWithEveryFormat) {
  const std::vector<std::vector<std::string>> shapes = {
      {"--best", "f1_macro"},
      {"--best", "hamming_loss", "--split", "test"},
      {},
      {"--columns", "seed,val.map_macro,sweep"},
      {"--best", "f1_macro", "--columns", "train.lr,status"},
      {"--best", "f1_macro", "--group-by", "dataset.bands"},
      {"--best", "f1_macro", "--group-by", "dataset.bands,seed", "--columns", "test.f1_micro"},
      {"--best", "energy_j"},
      {"--best", "samples_per_second", "--columns", "co2_g,wall_seconds,parameters_total"},
      {"--best", "co2_g", "--group-by", "dataset.bands", "--columns", "cpu_seconds"},
      {"--best", "f1_macro", "--group-by", "seed", "--columns", "energy_j,peak_rss_bytes"},
  };
  const std::vector<std::vector<std::string>> filters = {
      {},
      {"--where", "train.optimizer = 'adam' or seed = 1"},
      {"--sweep", "finetune"},
      {"--sweep", "finetune", "--where", "seed in (1, 2)"},
      {"--where", "seed > 99"},
  };
  for (const auto& shape : shapes) {
    for (const auto& filter : filters) {
      for (const std::string format : {"table", "json", "csv"}) {
        std::vector<std::string> args = {"query"};
        args.insert(args.end(), shape.begin(), shape.end());
        args.insert(args.end(), filter.begin(), filter.end());
        args.insert(args.end(), {"--format", format});
        std::string shown;
        for (const std::string& arg : args) shown += arg + " ";
        CliResult result;
        try {
          result = run(args);
        } catch (const std::exception& e) {
          ADD_FAILURE() << shown << ": " << e.what();
          continue;
        }
        EXPECT_EQ(result.exit_code, ExitCode::ok) << shown;
        if (format == "json") {
          const json out = json::parse(result.out, nullptr, false);
          EXPECT_FALSE(out.is_discarded()) << shown << "\n" << result.out;
        } else if (format == "csv") {
          EXPECT_FALSE(lines_of(result.out).empty()) << shown;
        } else {
          EXPECT_FALSE(result.out.empty()) << shown;
        }
      }
    }
  }
}

TEST_F(QueryToolTest, BadInputNamesTheOptionAndIsABadInputExit) {
  auto [syntax, syntax_code] = error_of({"query", "--best", "f1_macro", "--where", "seed >"});
  EXPECT_EQ(syntax,
            "--where: expected a value after '>', found the end of the expression at column 7; "
            "values are numbers (3, 0.5, 1e-3), 'quoted strings', true or false\n"
            "  seed >\n"
            "        ^");
  EXPECT_EQ(syntax_code, ExitCode::ok);  // main reports it as bad input (2)
  const std::string number =
      "--where: train.lr holds numbers; it cannot be compared with the string 'x' at column 12;";
  EXPECT_EQ(start_of(error_of({"query", "--where", "train.lr < 'x'"}).first, number), number);
  const std::string unknown =
      "--where: unknown field 'optimizer' at column 1; did you mean "
      "'train.optimizer'? known fields: ";
  EXPECT_EQ(start_of(error_of({"query", "--where", "optimizer = 'adam'"}).first, unknown), unknown);
  const std::string column =
      "--columns 'train.optimiser': is not a field of this registry; did "
      "you mean 'train.optimizer'? known fields: ";
  EXPECT_EQ(
      start_of(error_of({"query", "--best", "f1_macro", "--columns", "train.optimiser"}).first,
               column),
      column);
  const std::string group =
      "--group-by 'seeds': is not a field of this registry; did you mean "
      "'seed'? known fields: ";
  EXPECT_EQ(start_of(error_of({"query", "--best", "f1_macro", "--group-by", "seeds"}).first, group),
            group);
  EXPECT_EQ(error_of({"query", "--group-by", "seed"}).first,
            "--group-by: needs the metric to summarise per group; add --best METRIC, e.g. --best "
            "f1_macro --group-by dataset.bands");
  EXPECT_EQ(error_of({"query", "--sweep", "nosuch"}).first,
            "--sweep 'nosuch': no sweep in " + db_.string() +
                " has this name or id; recorded sweeps: finetune");
}

TEST_F(QueryToolTest, InjectionAttemptsChangeNothing) {
  const long long objects = test::scalar(db_, "SELECT count(*) FROM sqlite_schema");
  const long long runs = test::scalar(db_, "SELECT count(*) FROM runs");
  const long long rows = test::scalar(db_, "SELECT count(*) FROM run_params");
  for (const std::string where :
       {"dataset.bands = 'x'' OR 1=1 --'", "dataset.bands = \"'; DROP TABLE runs; --\"",
        "run_id = '1'' OR ''1''=''1'", "sweep = 'x''); DELETE FROM runs; --'"}) {
    const CliResult result =
        run({"query", "--best", "f1_macro", "--where", where, "--format", "json"});
    EXPECT_EQ(json::parse(result.out)["runs"], json::array()) << where;
  }
  for (const std::string where :
       {"x' OR 1=1 --", "; DROP TABLE runs", "seed = 1; DROP TABLE runs", "seed = 1 -- comment"})
    EXPECT_EQ(start_of(error_of({"query", "--where", where}).first, "--where: "), "--where: ")
        << where;
  EXPECT_EQ(start_of(error_of({"query", "--columns", "seed; DROP TABLE runs"}).first,
                     "--columns 'seed; DROP TABLE runs': is not a field"),
            "--columns 'seed; DROP TABLE runs': is not a field");
  EXPECT_EQ(test::scalar(db_, "SELECT count(*) FROM sqlite_schema"), objects);
  EXPECT_EQ(test::scalar(db_, "SELECT count(*) FROM runs"), runs);
  EXPECT_EQ(test::scalar(db_, "SELECT count(*) FROM run_params"), rows);
}

}  // namespace
}  // namespace eorun
