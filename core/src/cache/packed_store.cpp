#include "cache/packed_store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <system_error>

#include "cache/packed_layout.hpp"
#include "util/file_lock.hpp"

namespace eorun {

namespace {

namespace fs = std::filesystem;

std::filesystem::path lock_of(const fs::path& file) {
  fs::path lock = file;
  lock.replace_extension(".lock");
  return lock;
}

// The file's modification time is its last use: reading a cache touches it.
void touch(const fs::path& file) {
  std::error_code ignored;
  fs::last_write_time(file, fs::file_time_type::clock::now(), ignored);
}

std::int64_t modified_seconds(const fs::path& file) {
  struct stat status {};
  if (::stat(file.c_str(), &status) != 0) return 0;
  return static_cast<std::int64_t>(status.st_mtime);
}

// The cache at `file`, when it is intact and holds what `dataset` serves under `key`; otherwise
// why not (in `problem`).
std::shared_ptr<PackedDataset> try_open(const fs::path& file, const std::string& key,
                                        const std::shared_ptr<const Dataset>& dataset, std::string& problem) {
  std::error_code error;
  if (!fs::exists(file, error)) {
    problem = "";
    return nullptr;
  }
  try {
    std::shared_ptr<const PackedFile> packed = PackedFile::open(file);
    if (packed->key() != key) {
      problem = "it holds key " + packed->key().substr(0, 12) + ", not " + key.substr(0, 12);
      return nullptr;
    }
    return std::make_shared<PackedDataset>(dataset, std::move(packed));
  } catch (const PackedFileDamaged& e) {
    problem = e.problem();
    return nullptr;
  }
}

}  // namespace

PackedStore::PackedStore(const fs::path& cache_dir) : dir_(cache_dir / "packed") {}

fs::path PackedStore::file_of(const std::string& key) const { return dir_ / (key + packed::kFileSuffix); }

OpenedCache PackedStore::open_or_build(std::shared_ptr<const Dataset> dataset, const PackedSource& source,
                                       int threads) {
  std::error_code error;
  fs::create_directories(dir_, error);
  if (error)
    throw Error("cache folder " + dir_.string(), "cannot create it: " + error.message(),
                "point [paths] cache in eorun.toml at a writable folder, or set dataset.cache = false");
  OpenedCache opened;
  opened.key = source.key;
  opened.file = file_of(source.key);
  std::string problem;
  opened.dataset = try_open(opened.file, source.key, dataset, problem);
  if (!opened.dataset) {
    // Build it, unless another process did while this one waited for the lock.
    const FileLock building(lock_of(opened.file), FileLock::Mode::exclusive);
    opened.dataset = try_open(opened.file, source.key, dataset, problem);
    if (!opened.dataset) {
      opened.rebuilt_because = problem;
      opened.build = write_packed_file(*dataset, source, opened.file, threads);
      opened.dataset = try_open(opened.file, source.key, dataset, problem);
      if (!opened.dataset)
        throw Error("cache file " + opened.file.string(), "cannot be read back after it was written: " + problem,
                    "set dataset.cache = false, and report this");
    }
  }
  touch(opened.file);
  opened.content_sha256 = opened.dataset->file().content_sha256();
  return opened;
}

std::vector<CacheEntry> PackedStore::list() const {
  std::vector<CacheEntry> entries;
  std::error_code error;
  if (!fs::is_directory(dir_, error)) return entries;
  for (const fs::directory_entry& item : fs::directory_iterator(dir_, error)) {
    if (item.path().extension() != packed::kFileSuffix) continue;
    CacheEntry entry;
    entry.file = item.path();
    entry.key = item.path().stem().string();
    entry.bytes = static_cast<std::uint64_t>(item.file_size(error));
    entry.last_used = modified_seconds(item.path());
    try {
      entry.header = PackedFile::open(item.path())->header();
    } catch (const Error& e) {
      entry.problem = e.problem();
    }
    entries.push_back(std::move(entry));
  }
  std::sort(entries.begin(), entries.end(), [](const CacheEntry& a, const CacheEntry& b) {
    return a.last_used != b.last_used ? a.last_used > b.last_used : a.key < b.key;
  });
  return entries;
}

bool PackedStore::remove(const CacheEntry& entry) const {
  // A reader holds a shared lock on the file itself (PackedFile).
  const int fd = ::open(entry.file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    const bool in_use = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
    ::close(fd);
    if (in_use) return false;
  }
  std::error_code error;
  fs::remove(entry.file, error);
  if (error)
    throw Error("cache file " + entry.file.string(), "cannot remove it: " + error.message(),
                "check the permissions of the cache folder");
  fs::remove(lock_of(entry.file), error);
  return true;
}

std::vector<fs::path> PackedStore::stale_temporaries(std::int64_t age_seconds) const {
  std::vector<fs::path> stale;
  std::error_code error;
  if (!fs::is_directory(dir_, error)) return stale;
  const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  for (const fs::directory_entry& item : fs::directory_iterator(dir_, error))
    if (item.path().filename().string().find(std::string(packed::kFileSuffix) + ".tmp-") != std::string::npos &&
        now - modified_seconds(item.path()) >= age_seconds)
      stale.push_back(item.path());
  std::sort(stale.begin(), stale.end());
  return stale;
}

}  // namespace eorun
