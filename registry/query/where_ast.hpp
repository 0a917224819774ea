// The parsed form of a --where expression.
//
//   dataset.bands = 'ms' and not (train.lr >= 1e-3 or seed in (1, 2))
//
//   and
//   ├── compare  dataset.bands = 'ms'
//   └── not
//       └── or
//           ├── compare  train.lr >= 0.001
//           └── in       seed (1, 2)
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace eorun::query {

enum class CompareOp { eq, ne, lt, le, gt, ge };

// "=", "!=", "<", "<=", ">", ">=".
const char* to_string(CompareOp op);

struct Literal {
  enum class Kind { number, text, boolean };
  Kind kind = Kind::number;
  double number = 0;
  std::string text;
  bool boolean = false;
  std::size_t offset = 0;  // byte offset in the expression where the literal starts
};

// A literal as it would be written: 0.001, 'ms', true.
std::string to_string(const Literal& literal);

// A field as written (dataset.bands, val.f1_macro, seed) and where it starts.
struct FieldRef {
  std::string name;
  std::size_t offset = 0;  // byte offset in the expression
};

struct Expr {
  enum class Kind { and_, or_, not_, compare, in_list };
  Kind kind = Kind::compare;
  std::unique_ptr<Expr> left;    // and, or, not
  std::unique_ptr<Expr> right;   // and, or
  FieldRef field;                // compare, in_list
  CompareOp op = CompareOp::eq;  // compare
  std::vector<Literal> values;   // compare: one; in_list: one or more
  bool negated = false;          // in_list: `not in`
};

using ExprPtr = std::unique_ptr<Expr>;

// The expression with every operation in parentheses, for tests and messages:
//   ((dataset.bands = 'ms') and (not ((train.lr >= 0.001) or (seed in (1, 2)))))
std::string to_string(const Expr& expr);

}  // namespace eorun::query
