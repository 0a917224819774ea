#include "spec/file_hash_cache.hpp"

#include <sys/stat.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>
#include <thread>

#include "eorun/error.hpp"
#include "registry/sqlite_create.hpp"
#include "registry/sqlite_db.hpp"
#include "registry/sqlite_stmt.hpp"
#include "registry/sqlite_txn.hpp"
#include "util/sha256.hpp"

namespace eorun {

namespace {

struct FileStat {
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t inode = 0;
};

FileStat stat_file(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    throw Error(path.string(), std::string("cannot read file: ") + std::strerror(errno),
                "the data set changed or is incomplete; check the file or restore it");
  return {static_cast<std::int64_t>(st.st_size),
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec,
          static_cast<std::int64_t>(st.st_ino)};
}

constexpr const char* kSchema =
    "CREATE TABLE file_hashes ("
    " path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,"
    " inode INTEGER NOT NULL, sha256 TEXT NOT NULL) WITHOUT ROWID";

}  // namespace

FileHashCache::FileHashCache(const std::filesystem::path& cache_dir) : cache_dir_(cache_dir) {
  std::error_code ec;
  std::filesystem::create_directories(cache_dir, ec);
  if (ec)
    throw Error(cache_dir.string(), "cannot create the cache folder: " + ec.message(),
                "check permissions or set [paths] cache in eorun.toml");
  // Safe when many processes open a new cache at once (array jobs, parallel shells).
  db_ = std::make_unique<sqlite::Db>(sqlite::create_or_open(
      cache_dir / "file-hashes.db", [](sqlite::Db& db) { db.exec(kSchema); }));
  sqlite::ensure_wal(*db_);
  db_->exec("PRAGMA synchronous=NORMAL");
}

FileHashCache::~FileHashCache() = default;
FileHashCache::FileHashCache(FileHashCache&&) noexcept = default;
FileHashCache& FileHashCache::operator=(FileHashCache&&) noexcept = default;

std::vector<FileDigest> FileHashCache::digest(const std::vector<std::filesystem::path>& files,
                                              int threads, bool trust_cache) {
  std::vector<FileDigest> out(files.size());
  std::vector<FileStat> stats(files.size());
  std::vector<std::size_t> misses;
  {
    sqlite::Txn read(*db_, sqlite::Txn::Kind::deferred);
    sqlite::Stmt lookup = db_->prepare("SELECT size, mtime_ns, inode, sha256 FROM file_hashes WHERE path = ?");
    for (std::size_t i = 0; i < files.size(); ++i) {
      out[i].path = files[i];
      stats[i] = stat_file(files[i]);
      out[i].size = static_cast<std::uint64_t>(stats[i].size);
      lookup.bind(1, files[i].string());
      bool hit = trust_cache && lookup.step() && lookup.column_int(0) == stats[i].size &&
                 lookup.column_int(1) == stats[i].mtime_ns && lookup.column_int(2) == stats[i].inode;
      if (hit) out[i].sha256 = lookup.column_text(3);
      lookup.reset();
      if (!hit) misses.push_back(i);
    }
    read.commit();
  }
  last_hashed_ = misses.size();
  if (misses.empty()) return out;

  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  auto worker = [&] {
    for (std::size_t k = next++; k < misses.size() && !failed; k = next++) {
      try {
        out[misses[k]].sha256 = sha256_file(files[misses[k]]);
      } catch (...) {
        if (!failed.exchange(true)) failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::max(1, threads); ++t) pool.emplace_back(worker);
  worker();
  for (auto& th : pool) th.join();
  if (failure) std::rethrow_exception(failure);

  sqlite::Txn write(*db_, sqlite::Txn::Kind::immediate);
  sqlite::Stmt upsert = db_->prepare(
      "INSERT INTO file_hashes(path, size, mtime_ns, inode, sha256) VALUES(?, ?, ?, ?, ?) "
      "ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns, "
      "inode = excluded.inode, sha256 = excluded.sha256");
  for (std::size_t i : misses) {
    upsert.bind(1, files[i].string()).bind(2, stats[i].size).bind(3, stats[i].mtime_ns)
        .bind(4, stats[i].inode).bind(5, out[i].sha256);
    upsert.run();
  }
  write.commit();
  return out;
}

}  // namespace eorun
