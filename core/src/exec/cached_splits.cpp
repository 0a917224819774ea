#include "exec/cached_splits.hpp"

#include <cstdio>

#include "cache/split_cache.hpp"

namespace eorun {

CachedSplits open_cached_splits(const PreparedRun& run, const std::filesystem::path& cache_dir,
                                int threads, std::ostream* log) {
  PackedStore store(cache_dir);
  FileHashCache hash_cache(cache_dir);
  const nlohmann::json params = dataset_plugin_values(run.spec.json.at("dataset"));
  CachedSplits cached;
  auto open = [&](const char* split, const std::shared_ptr<Dataset>& dataset) -> std::shared_ptr<Dataset> {
    OpenedCache opened = open_split_cache({run.spec.dataset, params, split, dataset}, store, hash_cache, threads);
    cached.record[split] = cache_use_json(opened);
    if (opened.build && log != nullptr) {
      char line[160];
      std::snprintf(line, sizeof line, "cache: built %s (%zu samples, %.1f MB) in %.1f s", split,
                    opened.build->samples, static_cast<double>(opened.build->bytes) / 1e6, opened.build->seconds);
      *log << line << (opened.rebuilt_because.empty() ? "" : "; replaced a cache that " + opened.rebuilt_because)
           << "\n";
    }
    return opened.dataset;
  };
  cached.train = open("train", run.train);
  cached.val = open("val", run.val);
  cached.test = open("test", run.test);
  return cached;
}

}  // namespace eorun
