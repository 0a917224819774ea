#include "registry/query/group_by.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

#include "eorun/error.hpp"
#include "util/metric_direction.hpp"
#include "registry/query/cell_reader.hpp"
#include "registry/query/run_query.hpp"
#include "registry/query/running_stats.hpp"
#include "registry/query/student_t.hpp"
#include "registry/sqlite_stmt.hpp"

namespace eorun::query {

namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
constexpr int kNoValue = -1;

// Values of one input, indexed by runs.id (ids above the largest id seen at the start are
// runs recorded while the query ran: left out).
using Numbers = std::vector<double>;  // kNone where a run has no value

// A grouping key's values: each run's index into `values` (kNoValue where it has none).
struct KeyValues {
  std::vector<int> of_run;
  std::vector<nlohmann::json> values;
};

std::size_t id_limit(const Registry& registry) {
  sqlite::Stmt stmt = registry.db().prepare("SELECT coalesce(max(id), 0) FROM runs");
  stmt.step();
  return static_cast<std::size_t>(stmt.column_int(0)) + 1;
}

bool in_range(std::int64_t id, std::size_t limit) {
  return id >= 0 && static_cast<std::size_t>(id) < limit;
}

// Marks the selected runs; returns how many there are.
std::size_t mark_selected(const Registry& registry, const SqlBuilder& condition,
                          std::vector<char>& selected) {
  SqlBuilder sql;
  sql.sql("SELECT r.id FROM runs r WHERE ").append(condition);
  sqlite::Stmt stmt = registry.db().prepare(sql.text());
  sql.bind(stmt);
  std::size_t count = 0;
  while (stmt.step()) {
    const std::int64_t id = stmt.column_int(0);
    if (!in_range(id, selected.size())) continue;
    selected[static_cast<std::size_t>(id)] = 1;
    ++count;
  }
  return count;
}

// Reads (run, number) rows into a vector by run id.
Numbers read_numbers(sqlite::Stmt& stmt, std::size_t limit) {
  Numbers numbers(limit, kNone);
  while (stmt.step()) {
    const std::int64_t id = stmt.column_int(0);
    if (in_range(id, limit) && !stmt.column_is_null(1))
      numbers[static_cast<std::size_t>(id)] = stmt.column_double(1);
  }
  return numbers;
}

Numbers metric_values(const Registry& registry, MetricSplit split, const std::string& name,
                      std::size_t limit) {
  sqlite::Stmt stmt = registry.db().prepare(
      "SELECT run, value FROM run_metrics WHERE split = ?1 AND name = ?2 AND value IS NOT NULL");
  stmt.bind(1, std::string(to_string(split))).bind(2, name);
  return read_numbers(stmt, limit);
}

Numbers recorded_numbers(const Registry& registry, const RecordedField& field, std::size_t limit) {
  SqlBuilder sql;
  sql.sql("SELECT r.id, ").sql(field.column).sql(" FROM runs r");
  sqlite::Stmt stmt = registry.db().prepare(sql.text());
  return read_numbers(stmt, limit);
}

Numbers column_numbers(const Registry& registry, const Field& field, std::size_t limit) {
  if (field.kind == FieldKind::metric)
    return metric_values(registry, field.split, field.key, limit);
  if (field.kind != FieldKind::spec_key) return recorded_numbers(registry, *field.recorded, limit);
  SqlBuilder sql;
  sql.sql("SELECT run, value_num FROM run_params WHERE key = ")
      .value(field.key)
      .sql(" AND value_num IS NOT NULL");
  sqlite::Stmt stmt = registry.db().prepare(sql.text());
  sql.bind(stmt);
  return read_numbers(stmt, limit);
}

// Whole numbers (seed, threads) as JSON integers, like the cells of a run.
nlohmann::json recorded_value(sqlite::Stmt& stmt, const Field& field) {
  if (stmt.column_is_null(1)) return nullptr;
  if (field.type != ValueType::number) return stmt.column_text(1);
  return number_value(stmt.column_double(1));
}

KeyValues key_values(const Registry& registry, const Field& field, std::size_t limit) {
  SqlBuilder sql;
  if (field.kind == FieldKind::spec_key)
    sql.sql("SELECT run, value_text FROM run_params WHERE key = ").value(field.key);
  else
    sql.sql("SELECT r.id, ").sql(field.recorded->column).sql(" FROM runs r");
  sqlite::Stmt stmt = registry.db().prepare(sql.text());
  sql.bind(stmt);
  KeyValues key;
  key.of_run.assign(limit, kNoValue);
  std::unordered_map<std::string, int> index;
  std::string last_text;
  int last = kNoValue;
  while (stmt.step()) {
    const std::int64_t id = stmt.column_int(0);
    if (!in_range(id, limit) || stmt.column_is_null(1)) continue;
    // Rows of a spec key come sorted by value: most rows repeat the last one.
    const std::string_view text = stmt.column_view(1);
    if (last == kNoValue || text != last_text) {
      last_text = std::string(text);
      auto [it, added] = index.emplace(last_text, static_cast<int>(key.values.size()));
      if (added)
        key.values.push_back(field.kind == FieldKind::spec_key ? leaf_from_text(last_text)
                                                               : recorded_value(stmt, field));
      last = it->second;
    }
    key.of_run[static_cast<std::size_t>(id)] = last;
  }
  return key;
}

void check_key(const Field& field) {
  const std::string subject = "--group-by '" + field.name + "'";
  if (field.kind == FieldKind::metric)
    throw Error(subject, "is a metric; groups are made of spec keys or recorded fields",
                "rank by the metric with --best " + field.key +
                    " and group by the settings, e.g. --group-by dataset.bands,train.lr");
  if (field.kind == FieldKind::sweep)
    throw Error(subject, "cannot group runs: a run can belong to several sweeps",
                "keep one sweep's runs with --sweep NAME");
}

void check_column(const Field& field) {
  const std::string subject = "--columns '" + field.name + "'";
  if (field.kind == FieldKind::sweep || field.type == ValueType::text)
    throw Error(subject, "holds text; with --group-by, columns are summarised (mean and std)",
                "name numbers there: metrics (test.f1_micro), measured figures (wall_seconds, "
                "energy_j, ...) or numeric spec keys; group by text fields with --group-by");
}

struct Accumulator {
  std::size_t runs = 0;
  std::vector<std::int64_t> members;
  RunningStats val;
  RunningStats test;
  RunningStats figure;
  std::vector<RunningStats> columns;
};

Summary summary_of(const RunningStats& stats) {
  return {stats.count(), stats.mean(), stats.stddev(), ci95_half_width(stats.count(), stats.stddev())};
}

}  // namespace

Grouping group_runs(const Registry& registry, const SelectedRuns& runs, const GroupQuery& query) {
  for (const Field& key : query.keys) check_key(key);
  for (const Field& column : query.columns) check_column(column);
  const RecordedField* figure = measured_figure(query.metric);
  if (!figure) require_metric(registry, query.metric, query.split);

  const std::size_t limit = id_limit(registry);
  Grouping grouping;
  std::vector<char> selected(limit, 0);
  grouping.selected_runs = mark_selected(registry, runs.condition, selected);
  const Numbers none(limit, kNone);
  auto metric = [&](MetricSplit split) {
    return figure ? none : metric_values(registry, split, query.metric, limit);
  };
  const Numbers val = metric(MetricSplit::val);
  const Numbers test = metric(MetricSplit::test);
  const Numbers figures = figure ? recorded_numbers(registry, *figure, limit) : none;
  const Numbers& ranked = figure ? figures : query.split == MetricSplit::val ? val : test;
  std::vector<KeyValues> keys;
  for (const Field& field : query.keys) keys.push_back(key_values(registry, field, limit));
  std::vector<Numbers> columns;
  for (const Field& field : query.columns)
    columns.push_back(column_numbers(registry, field, limit));

  std::map<std::vector<int>, Accumulator> accumulators;
  std::vector<int> group_key(keys.size());
  for (std::size_t id = 0; id < limit; ++id) {
    if (!selected[id] || std::isnan(ranked[id])) continue;
    for (std::size_t k = 0; k < keys.size(); ++k) group_key[k] = keys[k].of_run[id];
    Accumulator& acc = accumulators[group_key];
    acc.columns.resize(columns.size());
    ++acc.runs;
    acc.members.push_back(static_cast<std::int64_t>(id));
    if (!std::isnan(val[id])) acc.val.add(val[id]);
    if (!std::isnan(test[id])) acc.test.add(test[id]);
    if (!std::isnan(figures[id])) acc.figure.add(figures[id]);
    for (std::size_t c = 0; c < columns.size(); ++c)
      if (!std::isnan(columns[c][id])) acc.columns[c].add(columns[c][id]);
  }

  std::vector<Group>& groups = grouping.groups;
  for (const auto& [indexes, acc] : accumulators) {
    Group group;
    for (std::size_t k = 0; k < keys.size(); ++k)
      group.key.push_back(indexes[k] == kNoValue
                              ? nlohmann::json()
                              : keys[k].values[static_cast<std::size_t>(indexes[k])]);
    group.runs = acc.runs;
    group.members = acc.members;
    group.val = summary_of(acc.val);
    group.test = summary_of(acc.test);
    group.figure = summary_of(acc.figure);
    for (const RunningStats& stats : acc.columns) group.columns.push_back(summary_of(stats));
    groups.push_back(std::move(group));
  }
  const bool higher = higher_is_better(query.metric);
  auto ranked_mean = [&](const Group& group) {
    if (figure) return *group.figure.mean;
    return *(query.split == MetricSplit::val ? group.val : group.test).mean;
  };
  std::sort(groups.begin(), groups.end(), [&](const Group& a, const Group& b) {
    const double ma = ranked_mean(a);
    const double mb = ranked_mean(b);
    if (ma != mb) return higher ? ma > mb : ma < mb;
    return a.key < b.key;
  });
  return grouping;
}

}  // namespace eorun::query
