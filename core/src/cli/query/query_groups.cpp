// eorun query --group-by: runs grouped by settings, the mean and std per group of the ranked metric
// (on val and test) or measured figure (energy_j, ...).
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/query/query_output.hpp"
#include "eorun/error.hpp"
#include "util/metric_direction.hpp"
#include "registry/query/group_by.hpp"
#include "registry/spec_leaves.hpp"
#include "util/text_table.hpp"

namespace eorun {

namespace {

using nlohmann::json;

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::string table_number(const std::optional<double>& value) {
  return value ? format_number(*value) : "";
}

std::string csv_number(const std::optional<double>& value) {
  return value ? json(*value).dump() : "";
}

json json_number(const std::optional<double>& value) { return value ? json(*value) : json(); }

json summary_json(const query::Summary& summary) {
  return {{"n", summary.n},
          {"mean", json_number(summary.mean)},
          {"std", json_number(summary.stddev)},
          {"ci95", json_number(summary.ci95)}};
}

// The figures shown of each summary, in column order: "mean", "std", "ci95".
constexpr const char* kSummaryParts[] = {"mean", "std", "ci95"};

std::vector<std::optional<double>> summary_parts(const query::Summary& summary) {
  return {summary.mean, summary.stddev, summary.ci95};
}

// `prefix` + one name per summary part, joined by `separator` ("val mean", "val.f1.mean").
void add_part_names(std::vector<std::string>& header, const std::string& prefix,
                    const char* separator) {
  for (const char* part : kSummaryParts) header.push_back(prefix + separator + part);
}

void add_part_cells(std::vector<std::string>& cells, const query::Summary& summary,
                    std::string (*format)(const std::optional<double>&)) {
  for (const std::optional<double>& value : summary_parts(summary)) cells.push_back(format(value));
}

struct GroupedResult {
  bool by_figure = false;  // ranked by a measured figure: one summary, not val and test
  std::vector<query::Field> keys;
  std::vector<query::Field> columns;
  std::vector<query::Group> groups;
  std::size_t grouped_runs = 0;  // runs with a number for the ranked metric
  std::size_t total_groups = 0;  // before --top
};

// What a group's ranked columns summarise: val and test of the metric, or the measured figure.
std::vector<const query::Summary*> ranked_summaries(const GroupedResult& result,
                                                    const query::Group& group) {
  if (result.by_figure) return {&group.figure};
  return {&group.val, &group.test};
}

void print_table(const QueryScope& scope, const GroupedResult& result) {
  const QueryArgs& options = scope.options;
  const std::string& metric = options.best;
  std::vector<std::string> key_names;
  std::vector<std::string> header;
  for (const query::Field& key : result.keys) {
    key_names.push_back(key.name);
    header.push_back(key.name);
  }
  header.push_back("runs");
  if (result.by_figure) {
    add_part_names(header, metric, " ");
  } else {
    add_part_names(header, "val", " ");
    add_part_names(header, "test", " ");
  }
  for (const query::Field& column : result.columns) add_part_names(header, column.name, " ");
  TextTable table(header);
  for (const query::Group& group : result.groups) {
    std::vector<std::string> cells;
    for (const json& value : group.key) cells.push_back(value.is_null() ? "-" : leaf_text(value));
    cells.push_back(std::to_string(group.runs));
    for (const query::Summary* summary : ranked_summaries(result, group))
      add_part_cells(cells, *summary, table_number);
    for (const query::Summary& summary : group.columns) add_part_cells(cells, summary, table_number);
    table.add_row(std::move(cells));
  }
  const std::string selection = describe_selection(scope);
  const std::string ranked_by = result.by_figure ? metric : options.split + " " + metric;
  if (result.groups.empty()) {
    std::cout << "No group to show: " << selection << ", none with a number for " << ranked_by
              << "\n";
    return;
  }
  std::cout << "Groups by " << join(key_names, ", ") << " of " << selection;
  if (result.grouped_runs < scope.selected_count)
    std::cout << " (" << scope.selected_count - result.grouped_runs << " without a number for "
              << ranked_by << " left out)";
  std::cout << ": mean, std (n-1) and 95% confidence half-width (Student t) of " << metric << ", best "
            << (result.by_figure ? "" : options.split + " ") << "mean first ("
            << (higher_is_better(metric) ? "higher" : "lower") << " is better)";
  if (result.groups.size() < result.total_groups)
    std::cout << "; the best " << result.groups.size() << " of " << result.total_groups
              << " groups shown";
  std::cout << "\n\n";
  table.print(std::cout);
}

void print_csv(const GroupedResult& result, const std::string& metric) {
  std::vector<std::string> header;
  for (const query::Field& key : result.keys) header.push_back(key.name);
  header.push_back("runs");
  if (result.by_figure) {
    add_part_names(header, metric, ".");
  } else {
    add_part_names(header, "val." + metric, ".");
    add_part_names(header, "test." + metric, ".");
  }
  for (const query::Field& column : result.columns) add_part_names(header, column.name, ".");
  TextTable table(header);
  for (const query::Group& group : result.groups) {
    std::vector<std::string> cells;
    for (const json& value : group.key) cells.push_back(value.is_null() ? "" : leaf_text(value));
    cells.push_back(std::to_string(group.runs));
    for (const query::Summary* summary : ranked_summaries(result, group))
      add_part_cells(cells, *summary, csv_number);
    for (const query::Summary& summary : group.columns) add_part_cells(cells, summary, csv_number);
    table.add_row(std::move(cells));
  }
  table.print_csv(std::cout);
}

void print_json(const QueryScope& scope, const GroupedResult& result) {
  const QueryArgs& options = scope.options;
  std::vector<std::string> key_names;
  for (const query::Field& key : result.keys) key_names.push_back(key.name);
  std::vector<std::string> column_names;
  for (const query::Field& column : result.columns) column_names.push_back(column.name);
  json groups = json::array();
  for (std::size_t g = 0; g < result.groups.size(); ++g) {
    const query::Group& group = result.groups[g];
    json key = json::object();
    for (std::size_t k = 0; k < result.keys.size(); ++k) key[result.keys[k].name] = group.key[k];
    json columns = json::object();
    for (std::size_t c = 0; c < result.columns.size(); ++c)
      columns[result.columns[c].name] = summary_json(group.columns[c]);
    json entry = {{"rank", g + 1}, {"key", key}, {"runs", group.runs}};
    if (result.by_figure) {
      entry["value"] = summary_json(group.figure);
    } else {
      entry["val"] = summary_json(group.val);
      entry["test"] = summary_json(group.test);
    }
    entry["columns"] = columns;
    groups.push_back(std::move(entry));
  }
  json out = {{"registry", scope.registry.path().string()},
              {"metric", options.best},
              {"split", result.by_figure ? json() : json(options.split)},
              {"higher_is_better", higher_is_better(options.best)},
              {"where", options.where.empty() ? json() : json(options.where)},
              {"sweep", scope.selected.sweep_id.empty() ? json() : json(scope.selected.sweep_id)},
              {"selected_runs", scope.selected_count},
              {"grouped_runs", result.grouped_runs},
              {"total_groups", result.total_groups},
              {"group_by", key_names},
              {"columns", column_names},
              {"groups", groups}};
  std::cout << out.dump(2) << "\n";
}

}  // namespace

void print_groups(QueryScope scope) {
  const QueryArgs& options = scope.options;
  if (options.best.empty())
    throw Error("--group-by", "needs the metric to summarise per group",
                "add --best METRIC, e.g. --best f1_macro --group-by dataset.bands");
  GroupedResult result;
  result.by_figure = query::measured_figure(options.best) != nullptr;
  query::GroupQuery group_query;
  group_query.metric = options.best;
  group_query.split = *metric_split_from_string(options.split);
  for (const std::string& name : options.group_by)
    group_query.keys.push_back(resolve_option_field(scope.catalog, "--group-by", name));
  for (const std::string& name : options.columns)
    group_query.columns.push_back(resolve_option_field(scope.catalog, "--columns", name));
  result.keys = group_query.keys;
  result.columns = group_query.columns;
  query::Grouping grouping = query::group_runs(scope.registry, scope.selected, group_query);
  result.groups = std::move(grouping.groups);
  scope.selected_count = grouping.selected_runs;
  for (const query::Group& group : result.groups) result.grouped_runs += group.runs;
  result.total_groups = result.groups.size();
  if (const std::optional<std::size_t> top = top_limit(options, std::nullopt))
    if (result.groups.size() > *top) result.groups.resize(*top);

  if (options.format == "json")
    print_json(scope, result);
  else if (options.format == "csv")
    print_csv(result, options.best);
  else
    print_table(scope, result);
}

}  // namespace eorun
