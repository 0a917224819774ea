// The packed cache of one split of a dataset reading: its key and where it comes from.
//
// The key is a SHA-256 over the cache format version, the dataset plugin (name, version and the
// hash of its binary), the plugin's resolved parameters (band selection, resampling, every
// other value that changes the decoded samples), the split and the hash of the split's data
// manifest: a changed source file, another band selection or a rebuilt plugin gives another key,
// so a cache of stale data is never found. The core's own keys (normalize, cache) are not part of
// it: normalisation is applied when batches are assembled.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cache/packed_store.hpp"
#include "plugins/catalogue.hpp"
#include "spec/file_hash_cache.hpp"

namespace eorun {

struct SplitToCache {
  const LoadedPlugin* plugin = nullptr;
  nlohmann::json params;  // the plugin's own resolved parameters
  std::string split;      // "train", "val" or "test"
  std::shared_ptr<const Dataset> dataset;
};

// Hashes the split's files (through `hash_cache`) and computes its key.
PackedSource packed_source_of(const SplitToCache& split, FileHashCache& hash_cache, int threads);

OpenedCache open_split_cache(const SplitToCache& split, PackedStore& store, FileHashCache& hash_cache,
                             int threads);

// What a run records of the cache it read a split from.
nlohmann::json cache_use_json(const OpenedCache& opened);

}  // namespace eorun
