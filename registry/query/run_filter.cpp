#include "registry/query/run_filter.hpp"

#include "eorun/error.hpp"
#include "registry/query/where_sql.hpp"

namespace eorun::query {

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

SelectedRuns completed_runs() {
  SelectedRuns runs;
  runs.condition.sql("r.status = 'completed'");
  return runs;
}

SelectedRuns select_runs(const Registry& registry, const FieldCatalog& catalog,
                         const RunFilter& filter) {
  SelectedRuns selected;
  std::optional<CompiledWhere> where;
  if (!filter.where.empty()) where = compile_where(filter.where, catalog);
  selected.only_completed = !(where && where->mentions_status);
  if (filter.sweep) {
    std::optional<std::string> sweep_id = registry.resolve_sweep(*filter.sweep);
    if (!sweep_id) {
      const std::vector<std::string> names = registry.sweep_names();
      throw Error("--sweep '" + *filter.sweep + "'",
                  "no sweep in " + registry.path().string() + " has this name or id",
                  names.empty() ? "no sweep is recorded yet; run one with `eorun sweep FILE.lua`"
                                : "recorded sweeps: " + join(names));
    }
    selected.sweep_id = *sweep_id;
  }
  selected.filtered = where.has_value() || filter.sweep.has_value() || !filter.run_ids.empty();

  SqlBuilder& sql = selected.condition;
  sql.sql(selected.only_completed ? SqlFragment("r.status = 'completed'") : SqlFragment("1"));
  if (where) sql.sql(" AND ").append(where->condition);
  if (filter.sweep)
    // Plan run ids to runs.id through the run_id index: SQLite then checks r.id, which the
    // status index holds, instead of reading every run's row for its run_id.
    sql.sql(
           " AND r.id IN (SELECT pr.id FROM sweeps s JOIN sweep_runs sr ON sr.sweep = s.id"
           " JOIN runs pr ON pr.run_id = sr.run_id WHERE s.sweep_id = ")
        .value(selected.sweep_id)
        .sql(")");
  if (!filter.run_ids.empty()) {
    sql.sql(" AND r.run_id IN (");
    for (std::size_t i = 0; i < filter.run_ids.size(); ++i)
      sql.sql(i == 0 ? SqlFragment("") : SqlFragment(", ")).value(filter.run_ids[i]);
    sql.sql(")");
  }
  return selected;
}

}  // namespace eorun::query
