#include "cli/args/query_args.hpp"

#include <CLI/CLI.hpp>

namespace eorun {

void declare_query(CLI::App& command, QueryArgs& args) {
  command
      .add_option("--best", args.best,
                  "Rank by this metric (f1_macro, map_macro, hamming_loss, ...; higher is "
                  "better, lower for *_loss and *_error metrics) or measured figure (energy_j, "
                  "co2_g, wall_seconds, ...; lower is better, higher for samples_per_second). "
                  "Without it: newest runs first")
      ->type_name("METRIC|FIGURE");
  command
      .add_option("--split", args.split,
                  "Rank by the best epoch's validation metric (val) or the test metric (test); "
                  "both are shown (a measured figure has no split)")
      ->check(CLI::IsMember({"val", "test"}))
      ->capture_default_str();
  command
      .add_option("--top", args.top,
                  "How many rows to show, or 'all' (default: 10 runs; every group)")
      ->type_name("N|all");
  command.add_option("--where", args.where, "Only runs matching this expression (see below)")
      ->type_name("EXPR");
  command
      .add_option("--sweep", args.sweep,
                  "Only the runs of this sweep's plan (its name, the latest sweep of that name, "
                  "or a sweep id prefix)")
      ->type_name("NAME|ID");
  command
      .add_option("--group-by", args.group_by,
                  "Group runs by these spec keys or fields and show n, mean, std and ci95 (half "
                  "the 95% confidence interval, Student t) of the --best metric per group (e.g. "
                  "to average over seeds)")
      ->delimiter(',')
      ->type_name("KEY,...");
  command
      .add_option("--columns", args.columns,
                  "Show these spec keys, fields or metrics instead of the keys that differ "
                  "between runs; with --group-by, the mean, std and ci95 of these numbers")
      ->delimiter(',')
      ->type_name("FIELD,...");
  command
      .add_option("--format", args.format,
                  "table for people; csv, or json with every test metric, hash and the full spec")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  command.footer(
      "Examples:\n"
      "  eorun query --best f1_macro\n"
      "  eorun query --best f1_macro --where \"dataset.bands = 'ms' and train.lr < 1e-3\"\n"
      "  eorun query --best f1_macro --group-by dataset.bands,train.optimizer\n"
      "  eorun query --best map_macro --sweep rgb_vs_ms --columns train.lr,seed,test.f1_micro\n"
      "  eorun query --where \"status = 'failed'\" --columns status,seed --top all\n"
      "  eorun query --best hamming_loss --split test --format csv > runs.csv\n"
      "  eorun query --best energy_j --columns energy_j,co2_g,wall_seconds,test.f1_macro\n"
      "Fields (in --where, --columns, --group-by):\n"
      "  spec keys, dotted: dataset.bands, train.lr, model.plugin, ...\n"
      "  metrics: val.f1_macro, test.f1_macro (a bare metric name means val)\n"
      "  recorded: status, seed, threads, attempt, run_id, started_at, finished_at,\n"
      "            sweep (a sweep's name or id prefix; --where and --columns)\n"
      "  measured figures (also for --best; '-' where a run could not measure one):\n"
      "            wall_seconds, samples_per_second, peak_rss_bytes, cpu_seconds, energy_j,\n"
      "            gpu_energy_j, co2_g, parameters_total, parameters_trainable\n"
      "--where: comparisons = != < <= > >= and `in (v1, v2)`, `not in`, joined by and, or,\n"
      "  not and parentheses (not binds tightest, then and, then or). Values: numbers (1e-3),\n"
      "  'single' or \"double\" quoted strings, true, false. A run that lacks a spec key or\n"
      "  metric matches no comparison on it. Only completed runs are seen unless the\n"
      "  expression names status.\n"
      "--group-by: one row per distinct combination, best mean first; std is the sample\n"
      "  standard deviation (n-1), empty for a group of one run.\n"
      "Exit codes: 0 ok (also when no run matches the filters), 1 no completed run to rank,\n"
      "2 bad input (unknown metric or field, a bad --where, no registry).");
}

}  // namespace eorun
