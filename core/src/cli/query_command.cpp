// eorun query: find runs, rank them by a metric, filter them, average them over seeds.
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/query/query_output.hpp"
#include "cli/registry_path.hpp"
#include "eorun/error.hpp"
#include "registry/query/fields.hpp"
#include "registry/query/run_filter.hpp"
#include "registry/registry.hpp"

namespace eorun {

namespace {

// CLI11 splits comma lists; " a, b" leaves spaces that are no part of a field name.
std::vector<std::string> trimmed(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& name : names) {
    const std::size_t first = name.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    out.push_back(name.substr(first, name.find_last_not_of(" \t") - first + 1));
  }
  return out;
}

void query_runs(QueryOptions options, AppContext& context) {
  options.group_by = trimmed(options.group_by);
  options.columns = trimmed(options.columns);
  top_limit(options, std::nullopt);  // a bad --top is reported before the registry is opened
  Registry registry = Registry::open(existing_registry_path(context));
  if (registry.run_count() == 0) {
    context.exit_code = ExitCode::failed;
    throw Error(registry.path().string(), "has no runs yet",
                "run `eorun run CONFIG.toml` or `eorun sweep FILE.lua` first, or pass --registry");
  }
  const auto snapshot = registry.read_snapshot();  // counts and rows agree
  const query::FieldCatalog catalog = query::FieldCatalog::load(registry);
  query::RunFilter filter;
  filter.where = options.where;
  if (!options.sweep.empty()) filter.sweep = options.sweep;
  const query::SelectedRuns selected = query::select_runs(registry, catalog, filter);
  if (selected.only_completed && registry.completed_run_count() == 0) {
    context.exit_code = ExitCode::failed;
    throw Error(registry.path().string(),
                "has no completed runs (" + std::to_string(registry.run_count()) +
                    " failed or interrupted)",
                "run `eorun run CONFIG.toml` first, pass --registry, or list them with "
                "--where \"status != 'completed'\"");
  }
  const QueryScope scope{registry, options, catalog, selected};
  if (options.group_by.empty())
    print_runs(scope, context);
  else
    print_groups(scope);
}

}  // namespace

void add_query_command(CLI::App& app, AppContext& context) {
  auto options = std::make_shared<QueryOptions>();
  CLI::App* cmd = app.add_subcommand("query", "Find, rank, filter and average recorded runs");
  cmd->add_option("--best", options->best,
                  "Rank by this metric (f1_macro, map_macro, hamming_loss, ...); higher is "
                  "better, lower for *_loss and *_error metrics. Without it: newest runs first")
      ->type_name("METRIC");
  cmd->add_option("--split", options->split,
                  "Rank by the best epoch's validation metric (val) or the test metric (test); "
                  "both are shown")
      ->check(CLI::IsMember({"val", "test"}))
      ->capture_default_str();
  cmd->add_option("--top", options->top,
                  "How many rows to show, or 'all' (default: 10 runs; every group)")
      ->type_name("N|all");
  cmd->add_option("--where", options->where, "Only runs matching this expression (see below)")
      ->type_name("EXPR");
  cmd->add_option("--sweep", options->sweep,
                  "Only the runs of this sweep's plan (its name, the latest sweep of that name, "
                  "or a sweep id prefix)")
      ->type_name("NAME|ID");
  cmd->add_option("--group-by", options->group_by,
                  "Group runs by these spec keys or fields and show n, mean and std of the "
                  "--best metric per group (e.g. to average over seeds)")
      ->delimiter(',')
      ->type_name("KEY,...");
  cmd->add_option("--columns", options->columns,
                  "Show these spec keys, fields or metrics instead of the keys that differ "
                  "between runs; with --group-by, the mean and std of these numbers")
      ->delimiter(',')
      ->type_name("FIELD,...");
  cmd->add_option("--format", options->format,
                  "table for people; csv, or json with every test metric, hash and the full spec")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  cmd->footer(
      "Examples:\n"
      "  eorun query --best f1_macro\n"
      "  eorun query --best f1_macro --where \"dataset.bands = 'ms' and train.lr < 1e-3\"\n"
      "  eorun query --best f1_macro --group-by dataset.bands,train.optimizer\n"
      "  eorun query --best map_macro --sweep rgb_vs_ms --columns train.lr,seed,test.f1_micro\n"
      "  eorun query --where \"status = 'failed'\" --columns status,seed --top all\n"
      "  eorun query --best hamming_loss --split test --format csv > runs.csv\n"
      "Fields (in --where, --columns, --group-by):\n"
      "  spec keys, dotted: dataset.bands, train.lr, model.plugin, ...\n"
      "  metrics: val.f1_macro, test.f1_macro (a bare metric name means val)\n"
      "  recorded: status, seed, threads, attempt, run_id, started_at, finished_at,\n"
      "            wall_seconds, sweep (a sweep's name or id prefix; --where and --columns)\n"
      "--where: comparisons = != < <= > >= and `in (v1, v2)`, `not in`, joined by and, or,\n"
      "  not and parentheses (not binds tightest, then and, then or). Values: numbers (1e-3),\n"
      "  'single' or \"double\" quoted strings, true, false. A run that lacks a spec key or\n"
      "  metric matches no comparison on it. Only completed runs are seen unless the\n"
      "  expression names status.\n"
      "--group-by: one row per distinct combination, best mean first; std is the sample\n"
      "  standard deviation (n-1), empty for a group of one run.\n"
      "Exit codes: 0 ok (also when no run matches the filters), 1 no completed run to rank,\n"
      "2 bad input (unknown metric or field, a bad --where, no registry).");
  cmd->callback([options, &context] { query_runs(*options, context); });
}

}  // namespace eorun
