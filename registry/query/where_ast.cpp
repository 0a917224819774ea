#include "registry/query/where_ast.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

namespace eorun::query {

const char* to_string(CompareOp op) {
  switch (op) {
    case CompareOp::eq: return "=";
    case CompareOp::ne: return "!=";
    case CompareOp::lt: return "<";
    case CompareOp::le: return "<=";
    case CompareOp::gt: return ">";
    case CompareOp::ge: return ">=";
  }
  return "?";
}

std::string to_string(const Literal& literal) {
  switch (literal.kind) {
    case Literal::Kind::number: {
      // Whole numbers without ".0", as users write them.
      constexpr double kLargestExact = 9007199254740992.0;  // 2^53
      const double value = literal.number;
      if (std::floor(value) == value && std::fabs(value) < kLargestExact)
        return std::to_string(static_cast<long long>(value));
      return nlohmann::json(value).dump();
    }
    case Literal::Kind::boolean: return literal.boolean ? "true" : "false";
    case Literal::Kind::text: break;
  }
  std::string quoted = "'";
  for (char c : literal.text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return quoted + "'";
}

std::string to_string(const Expr& expr) {
  switch (expr.kind) {
    case Expr::Kind::and_:
      return "(" + to_string(*expr.left) + " and " + to_string(*expr.right) + ")";
    case Expr::Kind::or_:
      return "(" + to_string(*expr.left) + " or " + to_string(*expr.right) + ")";
    case Expr::Kind::not_: return "(not " + to_string(*expr.left) + ")";
    case Expr::Kind::compare:
      return "(" + expr.field.name + " " + to_string(expr.op) + " " + to_string(expr.values[0]) +
             ")";
    case Expr::Kind::in_list: {
      std::string list;
      for (const Literal& value : expr.values)
        list += (list.empty() ? "" : ", ") + to_string(value);
      return "(" + expr.field.name + (expr.negated ? " not in (" : " in (") + list + "))";
    }
  }
  return "?";
}

}  // namespace eorun::query
