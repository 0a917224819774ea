#include "registry/query/run_query.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "eorun/error.hpp"
#include "util/metric_direction.hpp"
#include "registry/sqlite_stmt.hpp"

namespace eorun::query {

namespace {

std::int64_t limit_of(std::optional<std::size_t> top) {
  if (!top) return -1;  // SQLite: a negative LIMIT is no limit
  return static_cast<std::int64_t>(std::min<std::size_t>(
      *top, static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max())));
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// Runs `sql`, whose first two columns are runs.id and run_id; `read_rest(stmt, row)` reads the
// others into each row.
template <typename ReadRest>
std::vector<RunRow> run_rows(const Registry& registry, const SqlBuilder& sql, ReadRest read_rest) {
  sqlite::Stmt stmt = registry.db().prepare(sql.text());
  sql.bind(stmt);
  std::vector<RunRow> rows;
  while (stmt.step()) {
    RunRow row;
    row.id = stmt.column_int(0);
    row.run_id = stmt.column_text(1);
    read_rest(stmt, row);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

std::size_t count_runs(const Registry& registry, const SelectedRuns& runs) {
  SqlBuilder sql;
  sql.sql("SELECT count(*) FROM runs r WHERE ").append(runs.condition);
  sqlite::Stmt stmt = registry.db().prepare(sql.text());
  sql.bind(stmt);
  stmt.step();
  return static_cast<std::size_t>(stmt.column_int(0));
}

void require_metric(const Registry& registry, const std::string& metric, MetricSplit split) {
  const std::string split_name(to_string(split));
  sqlite::Stmt known =
      registry.db().prepare("SELECT 1 FROM run_metrics WHERE split = ?1 AND name = ?2 LIMIT 1");
  known.bind(1, split_name).bind(2, metric);
  if (known.step()) return;
  const std::vector<std::string> names = registry.metric_names(split);
  const std::string figures = "measured figures: " + measured_figure_names();
  throw Error("metric '" + metric + "'",
              "no run in " + registry.path().string() + " recorded it on " + split_name,
              names.empty() ? "no run recorded " + split_name + " metrics yet; " + figures
                            : "choose one of: " + join(names) + "; or " + figures);
}

namespace {

// Selected runs with a number for `figure`, best first; see rank_runs.
std::vector<RunRow> rank_by_figure(const Registry& registry, const SelectedRuns& runs,
                                   const RecordedField& figure, std::optional<std::size_t> top) {
  // The partial index on (column, run_id) (registry/migrations.cpp, step 3) holds the runs with
  // a number, in this order: the walk stops after `top` selected runs. Left to itself, SQLite
  // would rather find the completed runs by status and sort them all.
  SqlBuilder sql;
  sql.sql("SELECT r.id, r.run_id, ")
      .sql(figure.column)
      .sql(" FROM ")
      .sql(figure.ranked_runs)
      .sql(" WHERE ")
      .sql(figure.column)
      .sql(" IS NOT NULL AND (")
      .append(runs.condition)
      .sql(") ORDER BY ")
      .sql(figure.column)
      .sql(higher_is_better(figure.name) ? SqlFragment(" DESC, r.run_id LIMIT ")
                                         : SqlFragment(" ASC, r.run_id LIMIT "))
      .value(limit_of(top));
  return run_rows(registry, sql, [](const sqlite::Stmt& stmt, RunRow& row) {
    row.figure = stmt.column_double(2);
  });
}

}  // namespace

std::vector<RunRow> rank_runs(const Registry& registry, const SelectedRuns& runs,
                              const std::string& metric, MetricSplit split,
                              std::optional<std::size_t> top) {
  if (const RecordedField* figure = measured_figure(metric))
    return rank_by_figure(registry, runs, *figure, top);
  require_metric(registry, metric, split);
  const MetricSplit other = split == MetricSplit::val ? MetricSplit::test : MetricSplit::val;
  // CROSS JOIN keeps run_metrics outermost, so rows come in index order (best first) and the
  // scan stops after `top` selected runs. Filtered, the selected ids are found first (one
  // list SQLite builds once) and each index row is checked against them before runs is read.
  SqlBuilder sql;
  sql.sql(
         "SELECT r.id, r.run_id, m.value, (SELECT o.value FROM run_metrics o"
         " WHERE o.run = m.run AND o.split = ")
      .value(std::string(to_string(other)))
      .sql(" AND o.name = ")
      .value(metric)
      .sql(") FROM run_metrics m CROSS JOIN runs r WHERE m.split = ")
      .value(std::string(to_string(split)))
      .sql(" AND m.name = ")
      .value(metric)
      .sql(" AND m.value IS NOT NULL AND r.id = m.run AND ");
  if (runs.filtered)
    sql.sql("m.run IN (SELECT r.id FROM runs r WHERE ").append(runs.condition).sql(")");
  else
    sql.append(runs.condition);
  sql.sql(higher_is_better(metric) ? SqlFragment(" ORDER BY m.value DESC, r.run_id")
                                   : SqlFragment(" ORDER BY m.value ASC, r.run_id"))
      .sql(" LIMIT ")
      .value(limit_of(top));
  return run_rows(registry, sql, [split](const sqlite::Stmt& stmt, RunRow& row) {
    const std::optional<double> ranked = stmt.column_double(2);
    const std::optional<double> other_value = stmt.column_optional_double(3);
    row.val = split == MetricSplit::val ? ranked : other_value;
    row.test = split == MetricSplit::val ? other_value : ranked;
  });
}

std::vector<RunRow> list_runs(const Registry& registry, const SelectedRuns& runs,
                              std::optional<std::size_t> top) {
  SqlBuilder sql;
  sql.sql("SELECT r.id, r.run_id FROM runs r WHERE ")
      .append(runs.condition)
      .sql(" ORDER BY r.id DESC LIMIT ")
      .value(limit_of(top));
  return run_rows(registry, sql, [](const sqlite::Stmt&, RunRow&) {});
}

std::vector<std::string> varying_keys(const Registry& registry, const SelectedRuns& runs,
                                      const std::vector<std::string>& candidates) {
  if (candidates.empty()) return {};
  // A key that every completed run has cannot be missing from completed runs: for those, the
  // look for a selected run without the key (a probe per selected run) is skipped.
  const std::set<std::string> in_every_completed_run =
      runs.only_completed ? registry.param_keys_of_every_completed_run() : std::set<std::string>();
  // Per key: the smallest and the largest value among the selected runs (index walks that stop
  // at the first selected run), and whether a selected run lacks the key.
  SqlBuilder sql;
  sql.sql("WITH selected (id) AS MATERIALIZED (SELECT r.id FROM runs r WHERE ")
      .append(runs.condition)
      .sql("), keys (key, may_be_missing) AS (VALUES ");
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (i > 0) sql.sql(", ");
    sql.sql("(").value(candidates[i]).sql(in_every_completed_run.count(candidates[i]) ? ", 0)" : ", 1)");
  }
  sql.sql(
      ") SELECT k.key FROM keys k WHERE"
      " (SELECT p.value_text FROM run_params p WHERE p.key = k.key AND p.run IN selected"
      "  ORDER BY p.value_text ASC LIMIT 1)"
      " IS NOT (SELECT p.value_text FROM run_params p WHERE p.key = k.key"
      "  AND p.run IN selected ORDER BY p.value_text DESC LIMIT 1)"
      " OR (k.may_be_missing AND EXISTS (SELECT 1 FROM selected s WHERE NOT EXISTS"
      "  (SELECT 1 FROM run_params p WHERE p.run = s.id AND p.key = k.key)))"
      " ORDER BY k.key");
  sqlite::Stmt stmt = registry.db().prepare(sql.text());
  sql.bind(stmt);
  std::vector<std::string> keys;
  while (stmt.step()) keys.push_back(stmt.column_text(0));
  return keys;
}

}  // namespace eorun::query
