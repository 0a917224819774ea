#include "registry/sqlite_db.hpp"

#include <sqlite3.h>

#include <utility>

#include "eorun/error.hpp"
#include "registry/sqlite_stmt.hpp"

namespace eorun::sqlite {

namespace {

// The first line of a statement, shortened, for error messages.
std::string quote_statement(std::string_view sql) {
  constexpr std::size_t kMaxShown = 120;
  std::string text;
  bool in_space = false;
  for (char c : sql) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space) {
      if (!in_space && !text.empty()) text += ' ';
      in_space = true;
      continue;
    }
    in_space = false;
    text += c;
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  if (text.size() > kMaxShown) text = text.substr(0, kMaxShown) + "...";
  return text;
}

std::string remedy_for(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "another eorun holds the registry; wait for it to finish, or use another --registry";
    case SQLITE_NOTADB:
      return "this file is not an eorun registry; pass another --registry";
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      return "check that the file and its folder exist and are writable, or pass another "
             "--registry";
    case SQLITE_FULL:
      return "free disk space";
    case SQLITE_CORRUPT:
      return "the registry is damaged; restore it from a backup or re-ingest the run bundles";
    default:
      return {};
  }
}

}  // namespace

Db Db::open(const std::filesystem::path& path, Mode mode) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == Mode::read_write_create) flags |= SQLITE_OPEN_CREATE;
  sqlite3* handle = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  Db db(handle, path);  // owns the handle even when opening failed
  if (rc != SQLITE_OK) db.fail("open", rc);
  sqlite3_extended_result_codes(handle, 1);
  sqlite3_busy_timeout(handle, kBusyTimeoutMs);
  return db;
}

Db::Db(Db&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)), path_(std::move(other.path_)) {}

Db& Db::operator=(Db&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(handle_);
    handle_ = std::exchange(other.handle_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

Db::~Db() { sqlite3_close_v2(handle_); }

void Db::exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);  // the connection keeps the same message for fail()
  if (rc != SQLITE_OK) fail(sql, rc);
}

Stmt Db::prepare(std::string_view sql) const { return Stmt(*this, sql); }

FileMarks Db::file_marks() const {
  Stmt stmt = prepare(
      "SELECT (SELECT application_id FROM pragma_application_id),"
      " (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_schema)");
  stmt.step();
  return {stmt.column_int(0), stmt.column_int(1), stmt.column_int(2)};
}

long long Db::changes() const { return sqlite3_changes64(handle_); }

long long Db::last_insert_rowid() const { return sqlite3_last_insert_rowid(handle_); }

void Db::fail(std::string_view sql, int rc) const {
  std::string message = handle_ != nullptr ? sqlite3_errmsg(handle_) : sqlite3_errstr(rc);
  throw Error(path_.string(), "SQLite failed on `" + quote_statement(sql) + "`: " + message,
              remedy_for(rc));
}

}  // namespace eorun::sqlite
