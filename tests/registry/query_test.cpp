#include <cmath>

#include <gtest/gtest.h>

#include "eorun/error.hpp"
#include "record_fixture.hpp"
#include "util/metric_direction.hpp"
#include "registry/registry.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using nlohmann::json;
using test::full_record;
using test::full_run_record;
using test::run_id;
using test::with_metric;

std::vector<std::string> ids_of(const std::vector<RankedRun>& runs) {
  std::vector<std::string> ids;
  for (const RankedRun& run : runs) ids.push_back(run.run_id.substr(0, 6));
  return ids;
}

class QueryTest : public ::testing::Test {
 protected:
  // A completed run whose val/test f1_macro and hamming_loss are given.
  void add(const std::string& prefix, double f1_val, double f1_test, double hl_val) {
    RunRecord record = with_metric(full_run_record(run_id(prefix)), "f1_macro", f1_val, f1_test);
    registry_.ingest(with_metric(record, "hamming_loss", hl_val, hl_val));
  }

  test::TempDir dir_;
  Registry registry_ = Registry::open(dir_.path() / "eorun.db");
};

TEST_F(QueryTest, BestRunsRankHigherFirstForScores) {
  add("aaaaaa", 0.40, 0.41, 0.30);
  add("bbbbbb", 0.60, 0.55, 0.10);
  add("cccccc", 0.50, 0.58, 0.20);
  const auto best = registry_.best_runs("f1_macro", MetricSplit::val, 10);
  EXPECT_EQ(ids_of(best), (std::vector<std::string>{"bbbbbb", "cccccc", "aaaaaa"}));
  EXPECT_DOUBLE_EQ(*best[0].val, 0.60);
  EXPECT_DOUBLE_EQ(*best[0].test, 0.55);  // the other split comes along
  EXPECT_EQ(ids_of(registry_.best_runs("f1_macro", MetricSplit::test, 10)),
            (std::vector<std::string>{"cccccc", "bbbbbb", "aaaaaa"}));
  EXPECT_EQ(ids_of(registry_.best_runs("f1_macro", MetricSplit::val, 2)),
            (std::vector<std::string>{"bbbbbb", "cccccc"}));
}

TEST_F(QueryTest, BestRunsRankLowerFirstForLosses) {
  add("aaaaaa", 0.40, 0.41, 0.30);
  add("bbbbbb", 0.60, 0.55, 0.10);
  add("cccccc", 0.50, 0.58, 0.20);
  EXPECT_EQ(ids_of(registry_.best_runs("hamming_loss", MetricSplit::val, 10)),
            (std::vector<std::string>{"bbbbbb", "cccccc", "aaaaaa"}));
}

TEST_F(QueryTest, TiesGoToTheSmallerRunId) {
  add("cccccc", 0.5, 0.5, 0.1);
  add("aaaaaa", 0.5, 0.5, 0.1);
  add("bbbbbb", 0.5, 0.5, 0.1);
  EXPECT_EQ(ids_of(registry_.best_runs("f1_macro", MetricSplit::val, 10)),
            (std::vector<std::string>{"aaaaaa", "bbbbbb", "cccccc"}));
  EXPECT_EQ(ids_of(registry_.best_runs("hamming_loss", MetricSplit::val, 10)),
            (std::vector<std::string>{"aaaaaa", "bbbbbb", "cccccc"}));
}

TEST_F(QueryTest, OnlyCompletedRunsWithANumberAreRanked) {
  add("aaaaaa", 0.40, 0.41, 0.30);
  RunRecord failed = with_metric(full_run_record(run_id("bbbbbb")), "f1_macro", 0.99, 0.99);
  failed.status = RunStatus::failed;  // keeps its best epoch's val metrics, but is not ranked
  registry_.ingest(failed);
  json nan = full_record(run_id("cccccc"));
  nan["epochs"][1]["val"]["f1_macro"] = nullptr;  // how JSON writes NaN
  registry_.ingest(nan);
  EXPECT_EQ(ids_of(registry_.best_runs("f1_macro", MetricSplit::val, 10)),
            (std::vector<std::string>{"aaaaaa"}));
  EXPECT_EQ(registry_.completed_run_count(), 2u);
  EXPECT_EQ(registry_.run_count(), 3u);
}

TEST_F(QueryTest, AnUnknownMetricListsTheKnownOnes) {
  add("aaaaaa", 0.40, 0.41, 0.30);
  try {
    registry_.best_runs("f1_makro", MetricSplit::val, 10);
    FAIL() << "an unknown metric should throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), "metric 'f1_makro'");
    EXPECT_EQ(e.remedy(),
              "choose one of: f1_macro, hamming_loss, map_macro; or measured figures: "
              "wall_seconds, samples_per_second, peak_rss_bytes, cpu_seconds, energy_j, "
              "gpu_energy_j, co2_g, parameters_total, parameters_trainable");
  }
  EXPECT_EQ(registry_.metric_names(MetricSplit::test),
            (std::vector<std::string>{"f1_macro", "f1_micro", "hamming_loss", "map_macro"}));
}

TEST_F(QueryTest, MetricDirectionIsKnownByName) {
  for (const char* lower :
       {"hamming_loss", "coverage_error", "ranking_loss", "one_error", "train_loss", "loss"})
    EXPECT_FALSE(higher_is_better(lower)) << lower;
  for (const char* higher : {"f1_macro", "f1_micro", "map_macro", "accuracy", "precision_macro",
                             "recall_micro", "lossless_ratio"})
    EXPECT_TRUE(higher_is_better(higher)) << higher;
  // What a run costs: less is better; throughput is the exception.
  for (const char* cost : {"wall_seconds", "cpu_seconds", "energy_j", "gpu_energy_j", "co2_g",
                           "peak_rss_bytes", "parameters_total", "parameters_trainable"})
    EXPECT_FALSE(higher_is_better(cost)) << cost;
  EXPECT_TRUE(higher_is_better("samples_per_second"));
}

TEST_F(QueryTest, VaryingKeysAreThoseThatDistinguishCompletedRuns) {
  EXPECT_TRUE(registry_.varying_param_keys().empty());
  registry_.ingest(full_record(run_id("aaaaaa")));
  EXPECT_TRUE(registry_.varying_param_keys().empty());  // one run: nothing varies

  RunRecord b = full_run_record(run_id("bbbbbb"));
  b.spec["train"]["lr"] = 0.01;
  b.spec["train"]["seed"] = 2;
  registry_.ingest(b);
  EXPECT_EQ(registry_.varying_param_keys(), (std::vector<std::string>{"train.lr", "train.seed"}));

  // A key only some runs have distinguishes them too.
  RunRecord c = full_run_record(run_id("cccccc"));
  c.spec["model"]["dropout"] = 0.5;
  registry_.ingest(c);
  EXPECT_EQ(registry_.varying_param_keys(),
            (std::vector<std::string>{"model.dropout", "train.lr", "train.seed"}));

  // Failed runs do not count.
  RunRecord d = test::failed_run_record(run_id("dddddd"), "diverged");
  d.spec["train"]["optimizer"] = "sgd";
  registry_.ingest(d);
  EXPECT_EQ(registry_.varying_param_keys(),
            (std::vector<std::string>{"model.dropout", "train.lr", "train.seed"}));
  // ... until a retry completes.
  RunRecord d2 = full_run_record(run_id("dddddd"));
  d2.spec["train"]["optimizer"] = "sgd";
  registry_.ingest(d2);
  EXPECT_EQ(
      registry_.varying_param_keys(),
      (std::vector<std::string>{"model.dropout", "train.lr", "train.optimizer", "train.seed"}));
}

TEST_F(QueryTest, RunIdPrefixesResolveToOneRun) {
  registry_.ingest(full_record(run_id("abc1234")));
  registry_.ingest(full_record(run_id("abc1235")));
  registry_.ingest(full_record(run_id("fed987")));
  EXPECT_EQ(registry_.resolve_run_id("abc1234"), run_id("abc1234"));
  EXPECT_EQ(registry_.resolve_run_id("FED987"), run_id("fed987"));
  EXPECT_EQ(registry_.resolve_run_id(run_id("abc1235")), run_id("abc1235"));

  const std::string db = (dir_.path() / "eorun.db").string();
  auto problem = [&](const std::string& prefix) {
    try {
      registry_.resolve_run_id(prefix);
    } catch (const Error& e) {
      return e.problem() + " | " + e.remedy();
    }
    return std::string("resolved");
  };
  EXPECT_EQ(problem("abc12"),
            "is too short to pick one run (at least 6 hex digits are needed) | give more of the "
            "run id; list runs with `eorun query`");
  EXPECT_EQ(problem("abc12x"),
            "is not a run id (run ids are hex digits) | list runs with `eorun query`");
  EXPECT_EQ(problem("abc123"),
            "matches several runs (abc1234000, abc1235000) | give more of the run id");
  EXPECT_EQ(problem("000000"), "matches no run in " + db + " | list runs with `eorun query`");
  EXPECT_EQ(problem("fed9870"), "resolved");
  EXPECT_EQ(problem(run_id("fed987") + "0"),
            "matches no run in " + db + " | list runs with `eorun query`");
}

}  // namespace
}  // namespace eorun
