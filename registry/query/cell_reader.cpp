#include "registry/query/cell_reader.hpp"

#include <cmath>

#include "registry/query/sql_builder.hpp"

namespace eorun::query {

nlohmann::json number_value(double value) {
  constexpr double kLargestExact = 9007199254740992.0;  // 2^53
  if (std::floor(value) == value && std::fabs(value) < kLargestExact)
    return static_cast<std::int64_t>(value);
  return value;
}

nlohmann::json leaf_from_text(const std::string& text) {
  const bool json_like =
      text == "true" || text == "false" || text == "null" ||
      (!text.empty() && (text.front() == '[' || text.front() == '{' || text.front() == '-' ||
                         (text.front() >= '0' && text.front() <= '9')));
  if (json_like) {
    nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
    if (!value.is_discarded() && !value.is_string()) return value;
  }
  return text;
}

sqlite::Stmt& CellReader::statement(const Field& field) {
  std::unique_ptr<sqlite::Stmt>& stmt = statements_[field.name];
  if (stmt) return *stmt;
  SqlBuilder sql;
  switch (field.kind) {
    case FieldKind::spec_key:
      sql.sql("SELECT value_text FROM run_params WHERE run = ?1 AND key = ?2");
      break;
    case FieldKind::metric:
      sql.sql("SELECT value FROM run_metrics WHERE run = ?1 AND split = ?2 AND name = ?3");
      break;
    case FieldKind::recorded:
      sql.sql("SELECT ").sql(field.recorded->column).sql(" FROM runs r WHERE r.id = ?1");
      break;
    case FieldKind::sweep:
      sql.sql(
          "SELECT group_concat(name, ', ') FROM (SELECT DISTINCT s.name FROM runs r"
          " JOIN sweep_runs sr ON sr.run_id = r.run_id JOIN sweeps s ON s.id = sr.sweep"
          " WHERE r.id = ?1 ORDER BY s.name)");
      break;
  }
  stmt = std::make_unique<sqlite::Stmt>(registry_.db().prepare(sql.text()));
  return *stmt;
}

nlohmann::json CellReader::read(std::int64_t run, const Field& field) {
  sqlite::Stmt& stmt = statement(field);
  stmt.bind(1, run);
  if (field.kind == FieldKind::spec_key) stmt.bind(2, field.key);
  if (field.kind == FieldKind::metric)
    stmt.bind(2, std::string(to_string(field.split))).bind(3, field.key);
  nlohmann::json value;
  if (stmt.step() && !stmt.column_is_null(0)) {
    switch (field.kind) {
      case FieldKind::spec_key: value = leaf_from_text(stmt.column_text(0)); break;
      case FieldKind::metric: value = stmt.column_double(0); break;
      case FieldKind::recorded:
        if (field.type == ValueType::number)
          value = number_value(stmt.column_double(0));
        else
          value = stmt.column_text(0);
        break;
      case FieldKind::sweep: value = stmt.column_text(0); break;
    }
  }
  stmt.reset();
  return value;
}

nlohmann::json CellReader::metrics(std::int64_t run, MetricSplit split) {
  if (!metrics_)
    metrics_ = std::make_unique<sqlite::Stmt>(registry_.db().prepare(
        "SELECT name, value FROM run_metrics WHERE run = ?1 AND split = ?2 ORDER BY name"));
  metrics_->bind(1, run).bind(2, std::string(to_string(split)));
  nlohmann::json values = nlohmann::json::object();
  while (metrics_->step())
    values[metrics_->column_text(0)] =
        metrics_->column_is_null(1) ? nlohmann::json() : nlohmann::json(metrics_->column_double(1));
  metrics_->reset();
  return values;
}

}  // namespace eorun::query
