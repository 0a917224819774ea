// A run's three splits read from their packed caches (dataset.cache = true): each opened, or
// built on first use, in the project's cache folder. The samples are those of the plugin's
// splits, bit for bit; what the run records is which caches it read (key, file, content hash).
#pragma once

#include <filesystem>
#include <memory>
#include <ostream>

#include <nlohmann/json.hpp>

#include "exec/run_preparation.hpp"

namespace eorun {

struct CachedSplits {
  std::shared_ptr<Dataset> train, val, test;
  nlohmann::json record = nlohmann::json::object();  // {"train": cache_use_json(...), ...}
};

// Throws eorun::Error when a cache can neither be read nor built (a plugin error while
// building, a full disk). `log` (may be null) gets one line per split built.
CachedSplits open_cached_splits(const PreparedRun& run, const std::filesystem::path& cache_dir,
                                int threads, std::ostream* log);

}  // namespace eorun
