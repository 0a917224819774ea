#include "report/report_content.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "eorun/error.hpp"
#include "registry/query/fields.hpp"
#include "registry/query/group_by.hpp"
#include "registry/query/run_query.hpp"
#include "registry/spec_leaves.hpp"
#include "report/run_summary.hpp"
#include "util/joined.hpp"
#include "util/metric_direction.hpp"
#include "util/utc_time.hpp"
#include "util/version.hpp"

namespace eorun::report {

namespace {

using nlohmann::json;

// The spec key every sweep varies only to repeat a setting: groups average over it.
constexpr const char* kSeedKey = "train.seed";

std::string describe(const ReportRequest& request, const query::SelectedRuns& selected) {
  const query::RunFilter& filter = request.filter;
  std::vector<std::string> parts;
  if (filter.sweep) parts.push_back("sweep " + *filter.sweep + " (" + selected.sweep_id.substr(0, 12) + ")");
  if (!filter.where.empty()) parts.push_back("--where \"" + filter.where + "\"");
  if (!filter.run_ids.empty())
    parts.push_back(std::to_string(filter.run_ids.size()) + " named run" +
                    (filter.run_ids.size() == 1 ? "" : "s"));
  return parts.empty() ? std::string("every completed run") : joined(parts, ", ");
}

// The metric every selected run chose its best epoch by, when they agree.
std::string common_selection_metric(const Registry& registry, const query::SelectedRuns& selected,
                                    const std::string& selection) {
  std::set<std::string> metrics;
  for (const query::RunRow& row : query::list_runs(registry, selected, std::nullopt)) {
    const std::optional<RunRecord> record = registry.load_run_record(row.run_id);
    if (record && record->best) metrics.insert(record->best->metric);
  }
  if (metrics.empty())
    throw Error(selection, "matches no completed run with a best checkpoint",
                "check the selection with `eorun query` (same --sweep/--where), or train runs first");
  if (metrics.size() > 1)
    throw Error(selection,
                "holds runs that picked their best epoch by different metrics (" +
                    joined(std::vector<std::string>(metrics.begin(), metrics.end()), ", ") + ")",
                "name the metric to compare with --metric");
  return *metrics.begin();
}

std::vector<query::Field> group_fields(const query::FieldCatalog& catalog,
                                       const std::vector<std::string>& names) {
  std::vector<query::Field> fields;
  for (const std::string& name : names) {
    std::optional<query::Field> field = catalog.find(name);
    if (!field)
      throw Error("--group-by '" + name + "'", "is not a field of this registry",
                  catalog.known_names(name));
    fields.push_back(*field);
  }
  return fields;
}

json summary_json(const query::Summary& summary) {
  auto number = [](const std::optional<double>& value) { return value ? json(*value) : json(); };
  return {{"n", summary.n},
          {"mean", number(summary.mean)},
          {"std", number(summary.stddev)},
          {"ci95", number(summary.ci95)}};
}

std::string group_label(const std::vector<std::string>& keys, const std::vector<json>& values) {
  if (keys.empty()) return "all runs";
  std::vector<std::string> parts;
  for (const json& value : values) parts.push_back(value.is_null() ? "-" : leaf_text(value));
  return joined(parts, ", ");
}

}  // namespace

ReportContent gather_report(const Registry& registry, const ReportRequest& request) {
  const query::FieldCatalog catalog = query::FieldCatalog::load(registry);
  const query::SelectedRuns selected = query::select_runs(registry, catalog, request.filter);
  const std::string selection = describe(request, selected);
  const std::string metric = request.metric.empty()
                                 ? common_selection_metric(registry, selected, selection)
                                 : request.metric;
  if (query::measured_figure(metric))
    throw Error("--metric " + metric, "is a measured figure, not a metric of the runs' results",
                "name a metric such as f1_macro or oa; the report shows time and energy anyway");
  query::require_metric(registry, metric, MetricSplit::val);

  const std::vector<query::RunRow> rows =
      query::rank_runs(registry, selected, metric, MetricSplit::val, std::nullopt);
  if (rows.empty())
    throw Error(selection, "matches no completed run with a number for val " + metric,
                "check the selection with `eorun query --best " + metric +
                    "` (same --sweep/--where), or pick another --metric");

  const std::vector<std::string> varying =
      query::varying_keys(registry, selected, registry.varying_param_keys());
  std::vector<std::string> group_keys;
  if (request.group_by) {
    group_keys = *request.group_by;
  } else {
    for (const std::string& key : varying)
      if (key != kSeedKey) group_keys.push_back(key);
  }
  query::GroupQuery group_query;
  group_query.keys = group_fields(catalog, group_keys);
  group_query.metric = metric;
  query::Grouping grouping = query::group_runs(registry, selected, group_query);

  std::map<std::int64_t, std::string> run_id_of;
  for (const query::RunRow& row : rows) run_id_of[row.id] = row.run_id;

  json runs = json::array();
  std::optional<RunRecord> best;
  for (const query::RunRow& row : rows) {
    std::optional<RunRecord> record = registry.load_run_record(row.run_id);
    if (!record) continue;
    runs.push_back(run_summary(*record, {row.val, row.test}, varying, metric, registry.path().string()));
    if (!best) best = std::move(record);
  }

  json groups = json::array();
  for (const query::Group& group : grouping.groups) {
    json members = json::array();
    for (std::int64_t id : group.members) members.push_back(run_id_of.at(id));
    json key = json::object();
    for (std::size_t k = 0; k < group_keys.size(); ++k) key[group_keys[k]] = group.key[k];
    groups.push_back({{"label", group_label(group_keys, group.key)},
                      {"key", key},
                      {"runs", members},
                      {"val", summary_json(group.val)},
                      {"test", summary_json(group.test)}});
  }

  ReportContent content;
  content.runs = runs.size();
  content.groups = groups.size();
  content.data = {
      {"title", request.title.empty() ? "eorun report: " + selection : request.title},
      {"selection", selection},
      {"registry", registry.path().string()},
      {"generated_at", utc_now()},
      {"eorun_version", std::string(kEorunVersion)},
      {"metric", metric},
      {"split", "val"},
      {"higher_is_better", higher_is_better(metric)},
      {"sweep", selected.sweep_id.empty() ? json() : json(selected.sweep_id)},
      {"left_out", grouping.selected_runs - rows.size()},
      {"varying_keys", varying},
      {"group_by", group_keys},
      {"groups", groups},
      {"runs", runs},
      {"best", best ? class_summary(*best) : json()}};
  return content;
}

}  // namespace eorun::report
