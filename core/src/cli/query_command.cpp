// eorun query --best METRIC: completed runs ranked by a metric, with what distinguishes them.
#include <array>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/registry_path.hpp"
#include "eorun/error.hpp"
#include "registry/metric_direction.hpp"
#include "registry/registry.hpp"
#include "registry/spec_leaves.hpp"
#include "util/text_table.hpp"

namespace eorun {

namespace {

using nlohmann::json;

struct QueryOptions {
  std::string best;
  std::string split = "val";
  std::size_t top = 10;
  std::string format = "table";
};

constexpr std::size_t kShortRunId = 12;
// Test metrics the table shows beside the ranked one, in this order, when runs recorded them
// (csv and json carry every test metric).
constexpr std::array<const char*, 5> kHeadlineMetrics = {"f1_macro", "f1_micro", "map_macro",
                                                         "map_micro", "accuracy"};

// One ranked run with its record.
struct Row {
  std::size_t rank = 0;
  RankedRun ranked;
  json record;
  std::map<std::string, json> leaves;  // of the spec
};

// The best epoch's validation metrics ({} when the record names no best epoch).
json best_val_metrics(const json& record) {
  const json& best = record.value("best", json());
  if (!best.is_object() || !best.contains("epoch")) return json::object();
  for (const json& epoch : record.value("epochs", json::array()))
    if (epoch.value("epoch", json()) == best["epoch"]) return epoch.value("val", json::object());
  return json::object();
}

// The run's test metrics ({} when it has none).
const json& test_metrics(const json& record) {
  static const json kNone = json::object();
  auto it = record.find("test");
  return it != record.end() && it->is_object() ? *it : kNone;
}

std::string metric_cell(const std::optional<double>& value) {
  return value ? format_number(*value) : "-";
}

// A recorded metric: a number, or null for NaN.
std::string metric_cell(const json& value) {
  return value.is_number() ? format_number(value.get<double>()) : "nan";
}

// Full precision for scripts; empty when not recorded.
std::string csv_number(const json& value) { return value.is_number() ? value.dump() : ""; }

std::string param_cell(const Row& row, const std::string& key) {
  auto it = row.leaves.find(key);
  return it == row.leaves.end() ? "-" : leaf_text(it->second);
}

std::string text_field(const json& object, const char* key) {
  const json& value = object.is_object() ? object.value(key, json()) : json();
  return value.is_string() ? value.get<std::string>() : "";
}

void print_table(const QueryOptions& options, const std::vector<Row>& rows,
                 const std::vector<std::string>& keys, std::size_t completed) {
  const std::string& metric = options.best;
  std::set<std::string> recorded;
  for (const Row& row : rows)
    for (const auto& item : test_metrics(row.record).items()) recorded.insert(item.key());
  std::vector<std::string> headline;
  for (const char* name : kHeadlineMetrics)
    if (name != metric && recorded.count(name)) headline.push_back(name);

  std::vector<std::string> header = {"#", "run"};
  header.insert(header.end(), keys.begin(), keys.end());
  header.push_back("val " + metric);
  header.push_back("test " + metric);
  for (const std::string& name : headline) header.push_back("test " + name);
  TextTable table(header);
  for (const Row& row : rows) {
    std::vector<std::string> cells = {std::to_string(row.rank),
                                      row.ranked.run_id.substr(0, kShortRunId)};
    for (const std::string& key : keys) cells.push_back(param_cell(row, key));
    cells.push_back(metric_cell(row.ranked.val));
    cells.push_back(metric_cell(row.ranked.test));
    const json& test = test_metrics(row.record);
    for (const std::string& name : headline)
      cells.push_back(test.contains(name) ? metric_cell(test[name]) : "-");
    table.add_row(std::move(cells));
  }

  std::cout << "Best " << rows.size() << " of " << completed << " completed runs by "
            << options.split << " " << metric << " ("
            << (higher_is_better(metric) ? "higher" : "lower") << " is better)";
  if (!keys.empty()) std::cout << "; shown: the spec keys that differ between runs";
  std::cout << "\n\n";
  table.print(std::cout);

  const Row& top = rows.front();
  const json& best = top.record.value("best", json());
  std::cout << "\nbest run  " << top.ranked.run_id << "\n";
  if (best.is_object()) {
    std::string checkpoint = text_field(best, "checkpoint");
    const std::string bundle = text_field(top.record, "bundle");
    if (!checkpoint.empty() && !bundle.empty() && std::filesystem::path(checkpoint).is_relative())
      checkpoint = (std::filesystem::path(bundle) / checkpoint).string();
    std::cout << "  checkpoint         " << checkpoint << "\n"
              << "  checkpoint sha256  " << text_field(best, "checkpoint_sha256") << "\n";
  }
  std::cout << "  everything recorded: eorun show " << top.ranked.run_id.substr(0, kShortRunId)
            << "\n";
}

void print_csv(const QueryOptions& options, const std::vector<Row>& rows,
               const std::vector<std::string>& keys) {
  std::set<std::string> names;
  for (const Row& row : rows)
    for (const auto& item : test_metrics(row.record).items()) names.insert(item.key());
  std::vector<std::string> header = {"rank", "run_id"};
  header.insert(header.end(), keys.begin(), keys.end());
  header.push_back("val." + options.best);
  for (const std::string& name : names) header.push_back("test." + name);
  TextTable table(header);
  for (const Row& row : rows) {
    std::vector<std::string> cells = {std::to_string(row.rank), row.ranked.run_id};
    for (const std::string& key : keys) {
      auto it = row.leaves.find(key);
      cells.push_back(it == row.leaves.end() ? "" : leaf_text(it->second));
    }
    cells.push_back(row.ranked.val ? json(*row.ranked.val).dump() : "");
    const json& test = test_metrics(row.record);
    for (const std::string& name : names) cells.push_back(csv_number(test.value(name, json())));
    table.add_row(std::move(cells));
  }
  table.print_csv(std::cout);
}

void print_json(const QueryOptions& options, const std::vector<Row>& rows,
                const std::vector<std::string>& keys, const Registry& registry,
                std::size_t completed) {
  json runs = json::array();
  for (const Row& row : rows) {
    json params = json::object();
    for (const std::string& key : keys) {
      auto it = row.leaves.find(key);
      params[key] = it == row.leaves.end() ? json() : it->second;
    }
    const std::optional<double>& value = options.split == "val" ? row.ranked.val : row.ranked.test;
    const json& data = row.record.value("data", json::object());
    runs.push_back({{"rank", row.rank},
                    {"run_id", row.ranked.run_id},
                    {"value", value ? json(*value) : json()},
                    {"params", params},
                    {"val", best_val_metrics(row.record)},
                    {"test", test_metrics(row.record)},
                    {"best", row.record.value("best", json())},
                    {"final_weights_sha256", row.record.value("final_weights_sha256", json())},
                    {"data_manifest_sha256",
                     data.is_object() ? data.value("manifest_sha256", json()) : json()},
                    {"bundle", row.record.value("bundle", json())},
                    {"spec", row.record.value("spec", json())}});
  }
  json out = {{"registry", registry.path().string()},
              {"metric", options.best},
              {"split", options.split},
              {"higher_is_better", higher_is_better(options.best)},
              {"completed_runs", completed},
              {"varying_keys", keys},
              {"runs", runs}};
  std::cout << out.dump(2) << "\n";
}

void query(const QueryOptions& options, AppContext& context) {
  Registry registry = Registry::open(existing_registry_path(context));
  const std::size_t completed = registry.completed_run_count();
  if (completed == 0) {
    context.exit_code = ExitCode::failed;
    const std::size_t others = registry.run_count();
    throw Error(registry.path().string(),
                others == 0 ? "has no runs yet"
                            : "has no completed runs (" + std::to_string(others) +
                                  " failed or interrupted)",
                "run `eorun run CONFIG.toml` first or pass --registry");
  }
  const MetricSplit split = *metric_split_from_string(options.split);
  std::vector<Row> rows;
  for (RankedRun& ranked : registry.best_runs(options.best, split, options.top)) {
    Row row;
    row.rank = rows.size() + 1;
    row.record = registry.load_record(ranked.run_id).value_or(json::object());
    row.leaves = spec_leaves(row.record.value("spec", json::object()));
    row.ranked = std::move(ranked);
    rows.push_back(std::move(row));
  }
  if (rows.empty()) {
    context.exit_code = ExitCode::failed;
    throw Error("metric '" + options.best + "'",
                "no completed run in " + registry.path().string() + " has a number for it on " +
                    options.split + " (only failed or interrupted runs, or NaN)",
                "rank by another metric");
  }
  const std::vector<std::string> keys = registry.varying_param_keys();
  if (options.format == "json")
    print_json(options, rows, keys, registry, completed);
  else if (options.format == "csv")
    print_csv(options, rows, keys);
  else
    print_table(options, rows, keys, completed);
}

}  // namespace

void add_query_command(CLI::App& app, AppContext& context) {
  auto options = std::make_shared<QueryOptions>();
  CLI::App* cmd = app.add_subcommand("query", "Rank recorded runs by a metric");
  cmd->add_option("--best", options->best,
                  "Rank completed runs by this metric (f1_macro, map_macro, hamming_loss, ...); "
                  "higher is better, lower for *_loss and *_error metrics")
      ->required()
      ->type_name("METRIC");
  cmd->add_option("--split", options->split,
                  "Rank by the best epoch's validation metric (val) or the test metric (test)")
      ->check(CLI::IsMember({"val", "test"}))
      ->capture_default_str();
  cmd->add_option("--top", options->top, "How many runs to show")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd->add_option("--format", options->format,
                  "table for people; csv, or json with every test metric, hash and the full spec")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  cmd->footer(
      "Examples:\n"
      "  eorun query --best f1_macro\n"
      "  eorun query --best hamming_loss --top 3\n"
      "  eorun query --best map_macro --split test --format csv > runs.csv\n"
      "  eorun --registry /tmp/exp.db query --best f1_macro --format json\n"
      "Columns: the run id (12 characters; full in csv and json), the spec keys whose value "
      "differs\n"
      "between completed runs, the metric on val and test, and headline test metrics.\n"
      "Exit codes: 0 ok, 1 no completed run to rank, 2 bad input (unknown metric, no registry).");
  cmd->callback([options, &context] { query(*options, context); });
}

}  // namespace eorun
