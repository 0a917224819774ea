#include "registry/query/sql_builder.hpp"

#include "registry/sqlite_stmt.hpp"

namespace eorun::query {

void SqlBuilder::bind(sqlite::Stmt& stmt, int first) const {
  int index = first;
  for (const SqlValue& value : values_) {
    std::visit([&](const auto& v) { stmt.bind(index, v); }, value);
    ++index;
  }
}

}  // namespace eorun::query
