// A parsed --where expression as an SQL condition on `runs r`.
//
// Every literal and every key is a bound value; the SQL text holds only eorun's own fragments.
// Comparisons on spec keys and metrics match the runs that recorded the key or metric: a run
// without train.lr matches neither `train.lr < 1` nor `train.lr >= 1` (but does match
// `not train.lr < 1`). Numbers compare with numbers (value_num), strings with text (value_text);
// true and false are compared as the text a spec holds for them.
#pragma once

#include <string_view>

#include "registry/query/fields.hpp"
#include "registry/query/sql_builder.hpp"
#include "registry/query/where_ast.hpp"

namespace eorun::query {

struct CompiledWhere {
  SqlBuilder condition;          // a boolean SQL expression over `runs r`
  bool mentions_status = false;  // the expression names `status`
};

// Resolves the fields of `expr` in `catalog` and builds its condition. Throws eorun::Error
// (subject "--where", with the column and a caret under it, `expression` being the text `expr`
// was parsed from) for an unknown field or a value of the wrong type for its field.
CompiledWhere compile_where(const Expr& expr, const FieldCatalog& catalog,
                            std::string_view expression);

// parse_where + compile_where.
CompiledWhere compile_where(std::string_view expression, const FieldCatalog& catalog);

}  // namespace eorun::query
