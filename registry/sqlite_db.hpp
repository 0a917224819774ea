// An open SQLite database connection (RAII over sqlite3*).
//
// Every failure is an eorun::Error whose subject is the database path and whose problem quotes
// the statement that failed and SQLite's own message, so a user can tell which file and which
// step went wrong.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

struct sqlite3;

namespace eorun::sqlite {

class Stmt;

// What a database file says about itself: its header marks and whether it holds any schema.
struct FileMarks {
  long long application_id = 0;
  long long user_version = 0;
  long long schema_objects = 0;  // tables, indexes, views and triggers

  // A database nothing has been written to yet: a new or zero-length file, or one whose creator
  // has not committed its schema (it may still be creating it).
  bool empty() const { return application_id == 0 && user_version == 0 && schema_objects == 0; }
};

class Db {
 public:
  enum class Mode {
    read_write_create,  // create the file when it does not exist
    read_write,         // the file must exist
  };

  // Opens (or creates) the database file. Sets a busy timeout and extended result codes, but
  // no pragmas: the caller decides the journal mode once it knows what the file is.
  static Db open(const std::filesystem::path& path, Mode mode);

  Db(Db&& other) noexcept;
  Db& operator=(Db&& other) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  // Runs SQL without parameters and without result rows (may hold several statements).
  // Never pass user text here: bind it through prepare().
  void exec(std::string_view sql);

  // A prepared statement for one SQL statement.
  Stmt prepare(std::string_view sql) const;

  // The file's marks, read in one statement, so a creator committing meanwhile is seen either
  // not at all or completely.
  FileMarks file_marks() const;

  // Number of rows changed by the last INSERT, UPDATE or DELETE.
  long long changes() const;
  // The rowid of the last row inserted on this connection.
  long long last_insert_rowid() const;

  const std::filesystem::path& path() const { return path_; }
  sqlite3* handle() const { return handle_; }

  // Throws the eorun::Error for result code `rc` of statement `sql` on this database.
  [[noreturn]] void fail(std::string_view sql, int rc) const;

 private:
  Db(sqlite3* handle, std::filesystem::path path) : handle_(handle), path_(std::move(path)) {}

  sqlite3* handle_ = nullptr;
  std::filesystem::path path_;
};

// The busy timeout every connection gets: how long a writer waits for another writer.
inline constexpr int kBusyTimeoutMs = 10'000;

}  // namespace eorun::sqlite
