// One prepared SQLite statement (RAII over sqlite3_stmt*).
//
// Values are always bound as parameters (`?` placeholders, 1-based), never formatted into SQL.
//   Stmt stmt = db.prepare("SELECT value FROM run_metrics WHERE run_id = ? AND name = ?");
//   stmt.bind(1, run_id).bind(2, name);
//   while (stmt.step()) use(stmt.column_double(0));
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3_stmt;

namespace eorun::sqlite {

class Db;

class Stmt {
 public:
  Stmt(const Db& db, std::string_view sql);
  Stmt(Stmt&& other) noexcept;
  Stmt& operator=(Stmt&& other) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  Stmt& bind(int index, std::string_view text);
  Stmt& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Stmt& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Stmt& bind(int index, std::int64_t value);
  Stmt& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Stmt& bind(int index, double value);  // NaN is stored as NULL, as SQLite does
  Stmt& bind_null(int index);
  template <typename T>
  Stmt& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // Steps once: true when a result row is ready, false when the statement is done.
  bool step();
  // Steps a statement that returns no rows to completion, then resets it for reuse.
  void run();
  // Makes the statement ready to run again; clears the bound values.
  void reset();

  bool column_is_null(int index) const;
  std::int64_t column_int(int index) const;
  double column_double(int index) const;
  std::optional<double> column_optional_double(int index) const;
  std::string column_text(int index) const;  // NULL reads as ""
  // The text of a column without a copy: valid until the next step(), reset() or column call.
  std::string_view column_view(int index) const;

 private:
  const Db* db_ = nullptr;
  sqlite3_stmt* handle_ = nullptr;
  std::string sql_;
};

}  // namespace eorun::sqlite
