// A persistent cache of file content hashes, keyed by path and checked against size, mtime and
// inode: a second run over unchanged data re-hashes nothing. Lives in the cache folder as a small
// SQLite database, safe to share between processes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace eorun {

namespace sqlite {
class Db;
}

struct FileDigest {
  std::filesystem::path path;
  std::uint64_t size = 0;
  std::string sha256;
};

class FileHashCache {
 public:
  // Opens (creating when needed) `cache_dir/file-hashes.db`.
  explicit FileHashCache(const std::filesystem::path& cache_dir);
  ~FileHashCache();
  FileHashCache(FileHashCache&&) noexcept;
  FileHashCache& operator=(FileHashCache&&) noexcept;

  // Digests of `files`, in the given order. Files whose size, mtime or inode changed since they
  // were cached (or that were never cached) are hashed, on `threads` threads. A missing file is
  // an eorun::Error naming it. With `trust_cache` false every file is read again (and the cache
  // refreshed).
  std::vector<FileDigest> digest(const std::vector<std::filesystem::path>& files, int threads,
                                 bool trust_cache = true);

  // The cache folder (other caches keyed by data hash live beside the file hashes).
  const std::filesystem::path& cache_dir() const { return cache_dir_; }

  // How many files the last digest() call actually read (0 when everything came from the cache).
  std::size_t last_hashed_count() const { return last_hashed_; }

 private:
  std::filesystem::path cache_dir_;
  std::unique_ptr<sqlite::Db> db_;
  std::size_t last_hashed_ = 0;
};

}  // namespace eorun
