#include "registry/sqlite_stmt.hpp"

#include <sqlite3.h>

#include <utility>

#include "registry/sqlite_db.hpp"

namespace eorun::sqlite {

Stmt::Stmt(const Db& db, std::string_view sql) : db_(&db), sql_(sql) {
  int rc = sqlite3_prepare_v2(db.handle(), sql_.data(), static_cast<int>(sql_.size()), &handle_,
                              nullptr);
  if (rc != SQLITE_OK) db.fail(sql_, rc);
}

Stmt::Stmt(Stmt&& other) noexcept
    : db_(other.db_), handle_(std::exchange(other.handle_, nullptr)), sql_(std::move(other.sql_)) {}

Stmt& Stmt::operator=(Stmt&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(handle_);
    db_ = other.db_;
    handle_ = std::exchange(other.handle_, nullptr);
    sql_ = std::move(other.sql_);
  }
  return *this;
}

Stmt::~Stmt() { sqlite3_finalize(handle_); }

Stmt& Stmt::bind(int index, std::string_view text) {
  int rc =
      sqlite3_bind_text64(handle_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) db_->fail(sql_, rc);
  return *this;
}

Stmt& Stmt::bind(int index, std::int64_t value) {
  int rc = sqlite3_bind_int64(handle_, index, value);
  if (rc != SQLITE_OK) db_->fail(sql_, rc);
  return *this;
}

Stmt& Stmt::bind(int index, double value) {
  int rc = sqlite3_bind_double(handle_, index, value);
  if (rc != SQLITE_OK) db_->fail(sql_, rc);
  return *this;
}

Stmt& Stmt::bind_null(int index) {
  int rc = sqlite3_bind_null(handle_, index);
  if (rc != SQLITE_OK) db_->fail(sql_, rc);
  return *this;
}

bool Stmt::step() {
  int rc = sqlite3_step(handle_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(handle_);  // leave the statement reusable; the error stays on the connection
  db_->fail(sql_, rc);
}

void Stmt::run() {
  while (step()) {
  }
  reset();
}

void Stmt::reset() {
  sqlite3_reset(handle_);
  sqlite3_clear_bindings(handle_);
}

bool Stmt::column_is_null(int index) const {
  return sqlite3_column_type(handle_, index) == SQLITE_NULL;
}

std::int64_t Stmt::column_int(int index) const { return sqlite3_column_int64(handle_, index); }

double Stmt::column_double(int index) const { return sqlite3_column_double(handle_, index); }

std::optional<double> Stmt::column_optional_double(int index) const {
  if (column_is_null(index)) return std::nullopt;
  return column_double(index);
}

std::string Stmt::column_text(int index) const {
  const unsigned char* text = sqlite3_column_text(handle_, index);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(handle_, index)));
}

std::string_view Stmt::column_view(int index) const {
  const unsigned char* text = sqlite3_column_text(handle_, index);
  if (text == nullptr) return {};
  return std::string_view(reinterpret_cast<const char*>(text),
                          static_cast<std::size_t>(sqlite3_column_bytes(handle_, index)));
}

}  // namespace eorun::sqlite
