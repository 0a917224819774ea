// eorun query without --group-by: runs ranked by a metric or a measured figure (or newest first),
// with their columns.
#include <array>
#include <filesystem>
#include <iostream>
#include <set>

#include <nlohmann/json.hpp>

#include "cli/query/query_output.hpp"
#include "eorun/error.hpp"
#include "util/metric_direction.hpp"
#include "registry/query/cell_reader.hpp"
#include "registry/query/run_query.hpp"
#include "registry/run_record.hpp"
#include "registry/spec_leaves.hpp"
#include "util/text_table.hpp"

namespace eorun {

namespace {

using nlohmann::json;

constexpr std::size_t kShortRunId = 12;
// Test metrics the table shows beside the ranked one, in this order, when runs recorded them
// (csv and json carry every test metric).
constexpr std::array<const char*, 5> kHeadlineMetrics = {"f1_macro", "f1_micro", "map_macro",
                                                         "map_micro", "accuracy"};

struct Row {
  std::size_t rank = 0;
  query::RunRow run;
  std::vector<json> cells;  // one per column
  json test = json::object();
  std::optional<RunRecord> record;  // --format json only
};

struct Listing {
  bool ranked = false;
  bool by_figure = false;  // ranked by a measured figure (energy_j, ...), not a metric
  bool figure_column = false;  // ... which needs a column of its own (--columns lacks it)
  bool default_columns = true;  // the varying keys, not --columns
  std::vector<query::Field> columns;
  std::vector<Row> rows;
};

query::Field spec_key_field(const std::string& key) {
  query::Field field;
  field.kind = query::FieldKind::spec_key;
  field.name = key;
  field.key = key;
  return field;
}

// Spec keys and text exactly as recorded; metrics and measured times for people.
std::string table_cell(const query::Field& field, const json& value) {
  if (value.is_null()) return "-";
  if (value.is_number_float() && field.kind != query::FieldKind::spec_key)
    return format_number(value.get<double>());
  return leaf_text(value);
}

std::string csv_cell(const json& value) { return value.is_null() ? "" : leaf_text(value); }

std::string metric_cell(const std::optional<double>& value) {
  return value ? format_number(*value) : "-";
}

std::string metric_cell(const json& value) {
  return value.is_number() ? format_number(value.get<double>()) : "nan";
}

// A measured figure: counts (bytes, parameters) whole, the others like metrics.
std::string figure_cell(const std::optional<double>& value) {
  if (!value) return "-";
  const json number = query::number_value(*value);
  return number.is_number_integer() ? number.dump() : format_number(*value);
}

std::string csv_number(const json& value) { return value.is_number() ? value.dump() : ""; }

std::vector<query::Field> default_columns(const QueryScope& scope) {
  std::vector<query::Field> columns;
  if (!scope.selected.only_completed) columns.push_back(*scope.catalog.find("status"));
  // A key the same in every completed run cannot differ among some of them.
  const std::vector<std::string> registry_wide = scope.registry.varying_param_keys();
  const std::vector<std::string> keys =
      !scope.selected.filtered ? registry_wide
      : scope.selected.only_completed
          ? query::varying_keys(scope.registry, scope.selected, registry_wide)
          : query::varying_keys(scope.registry, scope.selected, scope.catalog.spec_keys());
  for (const std::string& key : keys) columns.push_back(spec_key_field(key));
  return columns;
}

Listing build_listing(const QueryScope& scope) {
  const QueryArgs& options = scope.options;
  Listing listing;
  listing.ranked = !options.best.empty();
  listing.by_figure = listing.ranked && query::measured_figure(options.best) != nullptr;
  listing.default_columns = options.columns.empty();
  if (listing.default_columns) {
    listing.columns = default_columns(scope);
  } else {
    for (const std::string& name : options.columns)
      listing.columns.push_back(resolve_option_field(scope.catalog, "--columns", name));
  }
  listing.figure_column = listing.by_figure;
  for (const query::Field& field : listing.columns)
    if (field.kind == query::FieldKind::recorded && field.name == options.best)
      listing.figure_column = false;
  const std::optional<std::size_t> top = top_limit(options, kDefaultTopRuns);
  const std::vector<query::RunRow> runs =
      listing.ranked ? query::rank_runs(scope.registry, scope.selected, options.best,
                                        *metric_split_from_string(options.split), top)
                     : query::list_runs(scope.registry, scope.selected, top);
  query::CellReader reader(scope.registry);
  for (const query::RunRow& run : runs) {
    Row row;
    row.rank = listing.rows.size() + 1;
    row.run = run;
    for (const query::Field& field : listing.columns)
      row.cells.push_back(reader.read(run.id, field));
    if (listing.ranked) row.test = reader.metrics(run.id, MetricSplit::test);
    if (options.format == "json")
      row.record = scope.registry.load_run_record(run.run_id);
    listing.rows.push_back(std::move(row));
  }
  return listing;
}

void print_table(const QueryScope& scope, const Listing& listing) {
  const QueryArgs& options = scope.options;
  const std::string& metric = options.best;
  std::vector<std::string> headline;
  if (listing.ranked && listing.default_columns) {
    std::set<std::string> recorded;
    for (const Row& row : listing.rows)
      for (const auto& item : row.test.items()) recorded.insert(item.key());
    for (const char* name : kHeadlineMetrics)
      if (name != metric && recorded.count(name)) headline.push_back(name);
  }

  std::vector<std::string> header = {"#", "run"};
  for (const query::Field& field : listing.columns) header.push_back(field.name);
  if (listing.figure_column) {
    header.push_back(metric);
  } else if (listing.ranked && !listing.by_figure) {
    header.push_back("val " + metric);
    header.push_back("test " + metric);
  }
  for (const std::string& name : headline) header.push_back("test " + name);
  TextTable table(header);
  for (const Row& row : listing.rows) {
    std::vector<std::string> cells = {std::to_string(row.rank),
                                      row.run.run_id.substr(0, kShortRunId)};
    for (std::size_t i = 0; i < listing.columns.size(); ++i)
      cells.push_back(table_cell(listing.columns[i], row.cells[i]));
    if (listing.figure_column) {
      cells.push_back(figure_cell(row.run.figure));
    } else if (listing.ranked && !listing.by_figure) {
      cells.push_back(metric_cell(row.run.val));
      cells.push_back(metric_cell(row.run.test));
    }
    for (const std::string& name : headline)
      cells.push_back(row.test.contains(name) ? metric_cell(row.test[name]) : "-");
    table.add_row(std::move(cells));
  }

  const std::string selection = describe_selection(scope);
  const std::string ranked_by = listing.by_figure ? metric : options.split + " " + metric;
  if (listing.rows.empty()) {
    std::cout << "No run to show: " << selection;
    if (listing.ranked) std::cout << ", none with a number for " << ranked_by;
    std::cout << "\n";
    return;
  }
  if (listing.ranked)
    std::cout << "Best " << listing.rows.size() << " of " << selection << " by " << ranked_by
              << " (" << (higher_is_better(metric) ? "higher" : "lower") << " is better)";
  else
    std::cout << "Latest " << listing.rows.size() << " of " << selection;
  if (listing.default_columns && !listing.columns.empty())
    std::cout << "; shown: the spec keys that differ between runs";
  std::cout << "\n\n";
  table.print(std::cout);
  if (!listing.ranked) return;

  const Row& top = listing.rows.front();
  const std::optional<RunRecord> record = scope.registry.load_run_record(top.run.run_id);
  std::cout << "\nbest run  " << top.run.run_id << "\n";
  if (record && record->best) {
    std::filesystem::path checkpoint = record->best->checkpoint;
    if (record->bundle && checkpoint.is_relative())
      checkpoint = std::filesystem::path(*record->bundle) / checkpoint;
    std::cout << "  checkpoint         " << checkpoint.string() << "\n"
              << "  checkpoint sha256  " << record->best->checkpoint_sha256 << "\n";
  }
  std::cout << "  everything recorded: eorun show " << top.run.run_id.substr(0, kShortRunId)
            << "\n";
}

void print_csv(const QueryScope& scope, const Listing& listing) {
  const std::string& metric = scope.options.best;
  std::set<std::string> test_names;
  if (listing.ranked && listing.default_columns) {
    for (const Row& row : listing.rows)
      for (const auto& item : row.test.items()) test_names.insert(item.key());
  } else if (listing.ranked && !listing.by_figure) {
    test_names.insert(metric);
  }
  std::vector<std::string> header = {"rank", "run_id"};
  for (const query::Field& field : listing.columns) header.push_back(field.name);
  if (listing.figure_column)
    header.push_back(metric);
  else if (listing.ranked && !listing.by_figure)
    header.push_back("val." + metric);
  for (const std::string& name : test_names) header.push_back("test." + name);
  TextTable table(header);
  for (const Row& row : listing.rows) {
    std::vector<std::string> cells = {std::to_string(row.rank), row.run.run_id};
    for (const json& cell : row.cells) cells.push_back(csv_cell(cell));
    if (listing.figure_column)
      cells.push_back(row.run.figure ? query::number_value(*row.run.figure).dump() : "");
    else if (listing.ranked && !listing.by_figure)
      cells.push_back(row.run.val ? json(*row.run.val).dump() : "");
    for (const std::string& name : test_names)
      cells.push_back(csv_number(row.test.value(name, json())));
    table.add_row(std::move(cells));
  }
  table.print_csv(std::cout);
}

void print_json(const QueryScope& scope, const Listing& listing) {
  const QueryArgs& options = scope.options;
  std::vector<std::string> column_names;
  for (const query::Field& field : listing.columns) column_names.push_back(field.name);
  json runs = json::array();
  for (const Row& row : listing.rows) {
    json params = json::object();
    json columns = json::object();
    for (std::size_t i = 0; i < listing.columns.size(); ++i) {
      columns[listing.columns[i].name] = row.cells[i];
      if (listing.columns[i].kind == query::FieldKind::spec_key)
        params[listing.columns[i].name] = row.cells[i];
    }
    json out = {{"rank", row.rank}, {"run_id", row.run.run_id}};
    if (listing.ranked) {
      if (listing.by_figure) {
        out["value"] = row.run.figure ? query::number_value(*row.run.figure) : json();
      } else {
        const std::optional<double>& value = options.split == "val" ? row.run.val : row.run.test;
        out["value"] = value ? json(*value) : json();
      }
    }
    out["params"] = params;
    out["columns"] = columns;
    // A run removed since it was listed has no record: its members stay null.
    for (const char* key : {"status", "best", "final_weights_sha256", "data_manifest_sha256",
                            "bundle", "spec"})
      out[key] = json();
    out["val"] = json::object();
    out["test"] = json::object();
    if (row.record) {
      const RunRecord& record = *row.record;
      const EpochRecord* best_epoch = record.best_epoch();
      out["status"] = to_string(record.status);
      out["val"] = best_epoch ? metrics_to_json(best_epoch->val) : json::object();
      out["test"] = metrics_to_json(record.test);
      out["best"] = record.to_json().at("best");
      out["final_weights_sha256"] = record.final_weights_sha256 ? json(*record.final_weights_sha256) : json();
      out["data_manifest_sha256"] = record.data ? json(record.data->manifest_sha256) : json();
      out["bundle"] = record.bundle ? json(*record.bundle) : json();
      out["spec"] = record.spec;
    }
    runs.push_back(std::move(out));
  }
  json out = {{"registry", scope.registry.path().string()}};
  if (listing.ranked) {
    out["metric"] = options.best;
    out["split"] = listing.by_figure ? json() : json(options.split);  // a figure has no split
    out["higher_is_better"] = higher_is_better(options.best);
  }
  out["where"] = options.where.empty() ? json() : json(options.where);
  out["sweep"] = scope.selected.sweep_id.empty() ? json() : json(scope.selected.sweep_id);
  out["selected_runs"] = scope.selected_count;
  if (!scope.selected.filtered) out["completed_runs"] = scope.registry.completed_run_count();
  if (listing.default_columns) {
    std::vector<std::string> keys;
    for (const query::Field& field : listing.columns)
      if (field.kind == query::FieldKind::spec_key) keys.push_back(field.name);
    out["varying_keys"] = keys;
  }
  out["columns"] = column_names;
  out["runs"] = runs;
  std::cout << out.dump(2) << "\n";
}

}  // namespace

void print_runs(QueryScope scope, AppContext& context) {
  scope.selected_count = query::count_runs(scope.registry, scope.selected);
  const Listing listing = build_listing(scope);
  const QueryArgs& options = scope.options;
  if (listing.by_figure && listing.rows.empty() && !scope.selected.filtered) {
    context.exit_code = ExitCode::failed;
    throw Error("--best " + options.best,
                "no completed run in " + scope.registry.path().string() +
                    " has a number for it (it is null where a run could not measure it, and in "
                    "runs recorded before eorun measured it)",
                "rank by another figure or a metric");
  }
  if (listing.ranked && listing.rows.empty() && !scope.selected.filtered) {
    context.exit_code = ExitCode::failed;
    throw Error("metric '" + options.best + "'",
                "no completed run in " + scope.registry.path().string() +
                    " has a number for it on " + options.split +
                    " (only failed or interrupted runs, or NaN)",
                "rank by another metric");
  }
  if (options.format == "json")
    print_json(scope, listing);
  else if (options.format == "csv")
    print_csv(scope, listing);
  else
    print_table(scope, listing);
}

}  // namespace eorun
