#include "registry/sqlite_create.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <optional>
#include <string>

#include "registry/sqlite_stmt.hpp"
#include "registry/sqlite_txn.hpp"

namespace eorun::sqlite {

namespace {

// A new, empty file beside `target` under a name no other process uses, removed with SQLite's
// side files when this goes out of scope (after publishing, the target keeps its own link).
class TempFile {
 public:
  // Empty when the folder takes no new file: creating in place then reports why, naming the target.
  static std::optional<TempFile> beside(const std::filesystem::path& target) {
    constexpr int kAttempts = 100;
    const std::string stem =
        "." + target.filename().string() + ".new-" + std::to_string(::getpid()) + "-";
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
      std::filesystem::path path = target.parent_path() / (stem + std::to_string(attempt));
      // 0644 before the umask: the permissions SQLite gives a database it creates.
      const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
      if (fd >= 0) {
        ::close(fd);
        return TempFile(std::move(path));
      }
      if (errno != EEXIST) return std::nullopt;
    }
    return std::nullopt;
  }

  TempFile(TempFile&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  TempFile& operator=(TempFile&&) = delete;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (path_.empty()) return;
    std::error_code ignored;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"})
      std::filesystem::remove(path_.string() + suffix, ignored);
  }

  const std::filesystem::path& path() const { return path_; }

 private:
  explicit TempFile(std::filesystem::path path) : path_(std::move(path)) {}

  std::filesystem::path path_;
};

bool flush_to_disk(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool flushed = ::fsync(fd) == 0;
  ::close(fd);
  return flushed;
}

// Creates the complete database under a temporary name and links it to `target` unless a file
// is there already; true when this process published it. Best effort: when the folder takes no
// new file, or its file system has no hard links, the target is left absent and create_or_open
// creates it in place.
bool create_and_publish(const std::filesystem::path& target, const SchemaCreator& create_schema) {
  std::optional<TempFile> temp = TempFile::beside(target);
  if (!temp) return false;
  {
    Db db = Db::open(temp->path(), Db::Mode::read_write);
    // Nobody else sees this file and a crash leaves only its temporary name: it is built without
    // syncs, then flushed once below, before its name can appear.
    db.exec("PRAGMA synchronous = OFF");
    Txn txn(db, Txn::Kind::immediate);
    create_schema(db);
    txn.commit();
    db.exec("PRAGMA journal_mode = WAL");  // no lock to wait for on a private file
  }
  if (!flush_to_disk(temp->path())) return false;
  // link() never replaces an existing target: a process that loses the race (EEXIST) opens the
  // winner's database. Published or not, the temporary name goes with `temp`.
  return ::link(temp->path().c_str(), target.c_str()) == 0;
}

// Gives an empty database its schema, unless its creator commits one while this waits for the
// write lock.
void complete_in_place(Db& db, const SchemaCreator& create_schema) {
  Txn txn(db, Txn::Kind::immediate);  // waits up to the busy timeout for a creator at work
  if (!db.file_marks().empty()) return;
  create_schema(db);
  txn.commit();
}

std::string journal_mode(const Db& db) {
  Stmt stmt = db.prepare("PRAGMA journal_mode");
  return stmt.step() ? stmt.column_text(0) : std::string();
}

}  // namespace

Db create_or_open(const std::filesystem::path& path, const SchemaCreator& create_schema) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) && !ec) create_and_publish(path, create_schema);
  Db db = Db::open(path, Db::Mode::read_write_create);
  if (db.file_marks().empty()) complete_in_place(db, create_schema);
  return db;
}

void ensure_wal(Db& db) {
  if (journal_mode(db) == "wal") return;
  constexpr const char* kSetWal = "PRAGMA journal_mode = WAL";
  constexpr int kFirstPauseMs = 1;
  constexpr int kLongestPauseMs = 50;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  for (int pause_ms = kFirstPauseMs;; pause_ms = std::min(2 * pause_ms, kLongestPauseMs)) {
    const int rc = sqlite3_exec(db.handle(), kSetWal, nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) return;
    if ((rc & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() >= deadline)
      db.fail(kSetWal, rc);
    sqlite3_sleep(pause_ms);  // SQLite's own sleep, as its busy handler uses
  }
}

}  // namespace eorun::sqlite
