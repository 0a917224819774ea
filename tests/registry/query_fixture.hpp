// A small registry for query tests: eight runs over bands x optimizer x seed, with metrics
// chosen so that means and standard deviations are easy to work out by hand.
//
//   prefix  bands optimizer seed  status     val f1  test f1  notes
//   a1      rgb   adam      1     completed  0.50    0.40
//   a2      rgb   adam      2     completed  0.60    0.50     lr 0.01
//   a3      rgb   adam      3     completed  0.70    0.90
//   b1      ms    adam      1     completed  0.80    0.70     in sweep "finetune"
//   b2      ms    adam      2     completed  0.90    0.75     in sweep "finetune"
//   c1      ms    sgd       1     completed  0.30    0.20     no model.width
//   d1      ms    sgd       2     failed     0.99    -
//   e1      rgb   sgd       1     completed  NaN     0.10
#pragma once

#include <limits>

#include "record_fixture.hpp"
#include "registry/registry.hpp"

namespace eorun::test {

struct QueryRun {
  std::string prefix;
  std::string bands;
  std::string optimizer;
  int seed;
  double val;
  double test;
};

inline RunRecord query_record(const QueryRun& run) {
  RunRecord record =
      with_metric(full_run_record(run_id(run.prefix)), "f1_macro", run.val, run.test);
  record.spec["dataset"]["bands"] = run.bands;
  record.spec["train"]["optimizer"] = run.optimizer;
  record.spec["train"]["seed"] = run.seed;
  record.seed = run.seed;
  return record;
}

// The runs of the table above, ingested into `registry`, and the sweep "finetune" (b1, b2 and
// one planned run that never ran).
inline void add_query_runs(Registry& registry) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<QueryRun> runs = {
      {"a1", "rgb", "adam", 1, 0.50, 0.40}, {"a2", "rgb", "adam", 2, 0.60, 0.50},
      {"a3", "rgb", "adam", 3, 0.70, 0.90}, {"b1", "ms", "adam", 1, 0.80, 0.70},
      {"b2", "ms", "adam", 2, 0.90, 0.75},  {"c1", "ms", "sgd", 1, 0.30, 0.20},
      {"e1", "rgb", "sgd", 1, nan, 0.10}};
  for (const QueryRun& run : runs) {
    RunRecord record = query_record(run);
    if (run.prefix == "a2") record.spec["train"]["lr"] = 0.01;
    if (run.prefix == "c1") record.spec["model"].erase("width");
    registry.ingest(record);
  }
  RunRecord failed = query_record({"d1", "ms", "sgd", 2, 0.99, 0.0});
  failed.status = RunStatus::failed;
  failed.reason = "diverged";
  failed.test.clear();
  registry.ingest(failed);

  SweepRecord sweep;
  sweep.sweep_id = run_id("5eeee1");
  sweep.name = "finetune";
  sweep.script_path = "scripts/finetune.lua";
  sweep.script_text = "-- finetune";
  sweep.script_sha256 = std::string(64, '5');
  sweep.runs = {{0, run_id("b1"), {{"train.seed", 1}}},
                {1, run_id("b2"), {{"train.seed", 2}}},
                {2, run_id("b3"), {{"train.seed", 3}}}};
  registry.record_sweep(sweep);
}

}  // namespace eorun::test

namespace eorun::test {

// Runs for queries on what runs cost (figures chosen for hand arithmetic; co2_g = energy_j / 1e4,
// a grid of 360 g/kWh). "-" is null: not measured, or no cost in the record at all.
//
//   prefix  bands  seed  status     energy_j  co2_g  cpu_s  wall_s  samples/s  params  val f1
//   c1      rgb    1     completed  300       0.03   20     10      100        1000    0.5
//   c2      rgb    2     completed  100       0.01   60     30      50         1000    0.6
//   c3      ms     1     completed  -         -      40     20      200        4000    0.7
//   c4      ms     2     failed     10        0.001  1      5       -          4000    -
//   c5      ms     3     completed  (no cost member)      40      25         -       0.8
// gpu_energy_j is null in every run (they trained on the CPU).
inline void add_cost_runs(Registry& registry) {
  struct CostRun {
    std::string prefix;
    std::string bands;
    int seed;
    std::optional<double> energy_j;
    std::optional<double> cpu_seconds;
    double wall_seconds;
    double samples_per_second;
    std::int64_t parameters;
    double val;
  };
  const std::vector<CostRun> runs = {
      {"c1", "rgb", 1, 300.0, 20.0, 10.0, 100.0, 1000, 0.5},
      {"c2", "rgb", 2, 100.0, 60.0, 30.0, 50.0, 1000, 0.6},
      {"c3", "ms", 1, std::nullopt, 40.0, 20.0, 200.0, 4000, 0.7},
      {"c4", "ms", 2, 10.0, 1.0, 5.0, 0.0, 4000, 0.0},
      {"c5", "ms", 3, std::nullopt, std::nullopt, 40.0, 25.0, 0, 0.8}};
  for (const CostRun& run : runs) {
    RunRecord record = query_record({run.prefix, run.bands, "adam", run.seed, run.val, run.val});
    record.timing = RunTiming{run.wall_seconds, 0.0, run.samples_per_second, 123456};
    record.cost = RunCost{run.parameters, run.parameters / 2, run.cpu_seconds, run.energy_j,
                          std::nullopt,
                          run.energy_j ? std::optional<double>(*run.energy_j / 1e4) : std::nullopt};
    if (run.prefix == "c4") {
      record.status = RunStatus::failed;
      record.reason = "diverged";
      record.test.clear();
      record.timing->samples_per_second = std::numeric_limits<double>::quiet_NaN();
    }
    if (run.prefix == "c5") record.cost.reset();  // recorded before eorun measured costs
    registry.ingest(record);
  }
}

}  // namespace eorun::test
