// The folder of packed caches (<[paths] cache>/packed): one file per key, `<key>.pack`. A process
// building a cache holds the lock file `<key>.lock` beside it, so two processes that need the
// same cache build it once (the second waits, then reads what the first wrote). A new file
// replaces an old one by rename: a process still reading the old one keeps its mapping. A
// process reading a cache holds a shared lock on the file itself, and `eorun cache gc` never
// removes a file in use.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cache/packed_dataset.hpp"
#include "cache/packed_writer.hpp"

namespace eorun {

struct OpenedCache {
  std::shared_ptr<PackedDataset> dataset;
  std::filesystem::path file;
  std::string key;
  std::string content_sha256;
  std::optional<PackedBuildResult> build;  // set when this call built it
  std::string rebuilt_because;             // why an existing file was replaced ("" when none was)
};

// One cache file as `eorun cache ls` shows it.
struct CacheEntry {
  std::filesystem::path file;
  std::string key;  // from the file name
  std::uint64_t bytes = 0;
  std::int64_t last_used = 0;  // seconds since the epoch (the file's modification time)
  std::optional<nlohmann::json> header;  // none when the file cannot be read as a cache
  std::string problem;                   // why not
};

class PackedStore {
 public:
  // `cache_dir` is the project's cache folder ([paths] cache); the store lives in its packed/.
  explicit PackedStore(const std::filesystem::path& cache_dir);

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path file_of(const std::string& key) const;

  // The cache of `source` under `key`, built from `dataset` when missing, damaged or not what
  // the dataset serves (the reason is kept in rebuilt_because). Throws eorun::Error when it
  // cannot be built (a plugin error, a full disk); nothing is left under the final name then.
  OpenedCache open_or_build(std::shared_ptr<const Dataset> dataset, const PackedSource& source, int threads);

  // Every cache file (and what is wrong with those that cannot be read), newest use first.
  std::vector<CacheEntry> list() const;

  // Removes `entry`'s file unless a process uses it now; false when it was in use.
  bool remove(const CacheEntry& entry) const;

  // Temporary files of builds that did not finish, older than `age_seconds`.
  std::vector<std::filesystem::path> stale_temporaries(std::int64_t age_seconds) const;

 private:
  std::filesystem::path dir_;
};

}  // namespace eorun
