// The --where expression language, parsed into an Expr tree.
//
//   expr       := or
//   or         := and { 'or' and }
//   and        := unary { 'and' unary }
//   unary      := 'not' unary | '(' expr ')' | comparison
//   comparison := FIELD op value | FIELD ['not'] 'in' '(' value { ',' value } ')'
//   op         := '=' | '!=' | '<' | '<=' | '>' | '>='
//   value      := NUMBER | STRING | 'true' | 'false'
//
// So `not` binds tighter than `and`, and `and` tighter than `or`:
//   not a = 1 and b = 2 or c = 3   is   ((not a = 1) and b = 2) or c = 3
#pragma once

#include <string_view>

#include "registry/query/where_ast.hpp"

namespace eorun::query {

// Throws eorun::Error (subject "--where") naming the column of the first syntax error, with
// the expression and a caret under the place.
ExprPtr parse_where(std::string_view expression);

}  // namespace eorun::query
