#include "registry/query/where_sql.hpp"

#include "registry/hex_id.hpp"
#include "registry/query/where_error.hpp"
#include "registry/query/where_parser.hpp"
#include "registry/run_status.hpp"

namespace eorun::query {

namespace {

constexpr std::size_t kMinSweepIdPrefix = Registry::kMinRunIdPrefix;

SqlFragment operator_sql(CompareOp op) {
  switch (op) {
    case CompareOp::eq: return " = ";
    case CompareOp::ne: return " != ";
    case CompareOp::lt: return " < ";
    case CompareOp::le: return " <= ";
    case CompareOp::gt: return " > ";
    case CompareOp::ge: return " >= ";
  }
  return " = ";
}

// "the number 3", "the string 'ms'", "true".
std::string describe(const Literal& literal) {
  switch (literal.kind) {
    case Literal::Kind::number: return "the number " + to_string(literal);
    case Literal::Kind::text: return "the string " + to_string(literal);
    case Literal::Kind::boolean: break;
  }
  return to_string(literal);
}

SqlValue text_value(const Literal& literal) {
  if (literal.kind == Literal::Kind::boolean)
    return std::string(literal.boolean ? "true" : "false");
  return literal.text;
}

// A list of bound values: "?, ?, ?".
void value_list(SqlBuilder& sql, const std::vector<SqlValue>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) sql.sql(", ");
    sql.value(values[i]);
  }
}

class Compiler {
 public:
  Compiler(const FieldCatalog& catalog, std::string_view expression)
      : catalog_(catalog), expression_(expression) {}

  CompiledWhere run(const Expr& expr) {
    CompiledWhere out;
    emit(expr, out.condition);
    out.mentions_status = mentions_status_;
    return out;
  }

 private:
  [[noreturn]] void fail(std::size_t offset, const std::string& problem,
                         const std::string& remedy) {
    throw_where_error(expression_, offset, problem, remedy);
  }

  void emit(const Expr& expr, SqlBuilder& sql) {
    switch (expr.kind) {
      case Expr::Kind::and_:
      case Expr::Kind::or_:
        sql.sql("(");
        emit(*expr.left, sql);
        sql.sql(expr.kind == Expr::Kind::and_ ? SqlFragment(" AND ") : SqlFragment(" OR "));
        emit(*expr.right, sql);
        sql.sql(")");
        return;
      case Expr::Kind::not_:
        sql.sql("(NOT ");
        emit(*expr.left, sql);
        sql.sql(")");
        return;
      case Expr::Kind::compare:
      case Expr::Kind::in_list: emit_comparison(expr, sql); return;
    }
  }

  Field resolve(const FieldRef& ref) {
    std::optional<Field> field = catalog_.find(ref.name);
    if (!field)
      fail(ref.offset, "unknown field '" + ref.name + "'", catalog_.known_names(ref.name));
    if (field->kind == FieldKind::recorded && std::string_view(field->recorded->name) == "status")
      mentions_status_ = true;
    return *field;
  }

  // Checks that `literal` can be compared with `field` by `op` (nullopt: in a list).
  void check(const Field& field, const Literal& literal, std::optional<CompareOp> op) {
    const bool ordering = op && *op != CompareOp::eq && *op != CompareOp::ne;
    const std::string shown = to_string(literal);
    const std::string op_text = op ? to_string(*op) : "in";
    if (field.kind == FieldKind::sweep) {
      if (ordering)
        fail(literal.offset, "sweep can only be compared with =, != or in, not '" + op_text + "'",
             "write sweep = 'NAME' (or a sweep id prefix)");
      if (literal.kind != Literal::Kind::text)
        fail(literal.offset,
             "sweep is a sweep's name or id; it cannot be compared with " + describe(literal),
             "quote it: sweep = 'NAME'");
      return;
    }
    if (literal.kind == Literal::Kind::boolean && ordering)
      fail(literal.offset,
           "true and false can only be compared with = or !=, not '" + op_text + "'",
           "write " + field.name + " = " + shown);
    if (field.type == ValueType::number && literal.kind != Literal::Kind::number)
      fail(literal.offset,
           field.name + " holds numbers; it cannot be compared with " + describe(literal),
           "compare it with a number: " + field.name + " " + (op ? op_text : "=") + " 0.5");
    const bool recorded_text = field.kind == FieldKind::recorded && field.type == ValueType::text;
    if ((field.type == ValueType::text && literal.kind == Literal::Kind::number) ||
        (recorded_text && literal.kind == Literal::Kind::boolean))
      fail(literal.offset,
           field.name + " holds text; it cannot be compared with " + describe(literal),
           "quote the value: " + field.name + " = '" + shown + "'");
    if (field.kind == FieldKind::recorded && std::string_view(field.recorded->name) == "status" &&
        !ordering && !run_status_from_string(literal.text))
      fail(literal.offset, "status is " + run_status_choices() + ", not " + shown,
           "write status = 'failed', for example");
  }

  void emit_comparison(const Expr& expr, SqlBuilder& sql) {
    const Field field = resolve(expr.field);
    const bool list = expr.kind == Expr::Kind::in_list;
    for (const Literal& literal : expr.values)
      check(field, literal, list ? std::nullopt : std::optional<CompareOp>(expr.op));
    if (field.kind == FieldKind::sweep) return emit_sweep(expr, sql);

    // The value of the field, compared: "value_num < ?", "r.seed IN (?, ?)", ...
    std::vector<SqlValue> numbers;
    std::vector<SqlValue> texts;
    for (const Literal& literal : expr.values) {
      if (literal.kind == Literal::Kind::number)
        numbers.emplace_back(literal.number);
      else
        texts.push_back(text_value(literal));
    }
    switch (field.kind) {
      case FieldKind::spec_key:
        sql.sql("r.id IN (SELECT run FROM run_params WHERE key = ").value(field.key).sql(" AND ");
        predicate(expr, numbers, texts, "value_num", "value_text", sql);
        sql.sql(")");
        return;
      case FieldKind::metric:
        sql.sql("r.id IN (SELECT run FROM run_metrics WHERE split = ")
            .value(std::string(to_string(field.split)))
            .sql(" AND name = ")
            .value(field.key)
            .sql(" AND ");
        predicate(expr, numbers, texts, "value", "value", sql);
        sql.sql(")");
        return;
      case FieldKind::recorded:
        sql.sql("(").sql(field.recorded->column).sql(" IS NOT NULL AND ");
        predicate(expr, numbers, texts, field.recorded->column, field.recorded->column, sql);
        sql.sql(")");
        return;
      case FieldKind::sweep: return;
    }
  }

  // `number_column op ?` or `text_column op ?`, or the list form:
  //   in:      coalesce(number_column IN (...) OR text_column IN (...), 0)
  //   not in:  NOT coalesce(number_column IN (...) OR text_column IN (...), 0)
  void predicate(const Expr& expr, const std::vector<SqlValue>& numbers,
                 const std::vector<SqlValue>& texts, SqlFragment number_column,
                 SqlFragment text_column, SqlBuilder& sql) {
    if (expr.kind == Expr::Kind::compare) {
      sql.sql(numbers.empty() ? text_column : number_column)
          .sql(operator_sql(expr.op))
          .value(numbers.empty() ? texts.front() : numbers.front());
      return;
    }
    sql.sql(expr.negated ? SqlFragment("NOT coalesce(") : SqlFragment("coalesce("));
    if (!numbers.empty()) {
      sql.sql(number_column).sql(" IN (");
      value_list(sql, numbers);
      sql.sql(")");
    }
    if (!numbers.empty() && !texts.empty()) sql.sql(" OR ");
    if (!texts.empty()) {
      sql.sql(text_column).sql(" IN (");
      value_list(sql, texts);
      sql.sql(")");
    }
    sql.sql(", 0)");
  }

  // Runs in the plan of a sweep with this name, or whose sweep id starts with this prefix.
  void emit_sweep(const Expr& expr, SqlBuilder& sql) {
    const bool negated = expr.kind == Expr::Kind::in_list ? expr.negated : expr.op == CompareOp::ne;
    sql.sql(negated ? SqlFragment("(NOT ") : SqlFragment("("));
    sql.sql(
        "r.id IN (SELECT pr.id FROM sweeps s JOIN sweep_runs sr ON sr.sweep = s.id"
        " JOIN runs pr ON pr.run_id = sr.run_id WHERE ");
    for (std::size_t i = 0; i < expr.values.size(); ++i) {
      const std::string& text = expr.values[i].text;
      if (i > 0) sql.sql(" OR ");
      sql.sql("s.name = ").value(text);
      const std::string prefix = registry::lower_hex(text);
      if (prefix.size() >= kMinSweepIdPrefix)
        sql.sql(" OR (s.sweep_id >= ")
            .value(prefix)
            .sql(" AND s.sweep_id < ")
            .value(prefix + "g")
            .sql(")");
    }
    sql.sql("))");
  }

  const FieldCatalog& catalog_;
  std::string_view expression_;
  bool mentions_status_ = false;
};

}  // namespace

CompiledWhere compile_where(const Expr& expr, const FieldCatalog& catalog,
                            std::string_view expression) {
  return Compiler(catalog, expression).run(expr);
}

CompiledWhere compile_where(std::string_view expression, const FieldCatalog& catalog) {
  const ExprPtr expr = parse_where(expression);
  return compile_where(*expr, catalog, expression);
}

}  // namespace eorun::query
