// Helpers shared by the registry tests: raw SQL peeks at a registry file.
#pragma once

#include <filesystem>
#include <string>

#include "registry/sqlite_db.hpp"
#include "registry/sqlite_stmt.hpp"

namespace eorun::test {

// The single value of `sql` (an integer) in the database at `path`, on a separate connection.
inline long long scalar(const std::filesystem::path& path, const std::string& sql) {
  sqlite::Db db = sqlite::Db::open(path, sqlite::Db::Mode::read_write);
  sqlite::Stmt stmt = db.prepare(sql);
  return stmt.step() ? stmt.column_int(0) : -1;
}

inline std::string text(const std::filesystem::path& path, const std::string& sql) {
  sqlite::Db db = sqlite::Db::open(path, sqlite::Db::Mode::read_write);
  sqlite::Stmt stmt = db.prepare(sql);
  return stmt.step() ? stmt.column_text(0) : std::string("<no row>");
}

}  // namespace eorun::test
