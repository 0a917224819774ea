#include "cache/split_cache.hpp"

#include "cache/packed_layout.hpp"
#include "spec/data_manifest.hpp"
#include "util/sha256.hpp"

namespace eorun {

PackedSource packed_source_of(const SplitToCache& split, FileHashCache& hash_cache, int threads) {
  const DataManifest manifest = build_data_manifest(split.dataset->manifest(), hash_cache, threads);
  PackedSource source;
  source.description = {{"plugin", split.plugin->name},
                        {"version", split.plugin->version},
                        {"plugin_sha256", split.plugin->sha256},
                        {"params", split.params},
                        {"split", split.split}};
  source.manifest_tsv = manifest.to_tsv();
  source.manifest_sha256 = manifest.sha256;
  source.manifest_base = manifest.base.string();
  const nlohmann::json key = {{"format_version", packed::kFormatVersion},
                              {"source", source.description},
                              {"manifest_sha256", manifest.sha256}};
  source.key = sha256_hex(key.dump());
  return source;
}

OpenedCache open_split_cache(const SplitToCache& split, PackedStore& store, FileHashCache& hash_cache,
                             int threads) {
  return store.open_or_build(split.dataset, packed_source_of(split, hash_cache, threads), threads);
}

nlohmann::json cache_use_json(const OpenedCache& opened) {
  nlohmann::json use = {{"key", opened.key},
                        {"file", opened.file.string()},
                        {"content_sha256", opened.content_sha256},
                        {"built", opened.build.has_value()}};
  if (opened.build) use["build_seconds"] = opened.build->seconds;
  if (!opened.rebuilt_because.empty()) use["rebuilt_because"] = opened.rebuilt_because;
  return use;
}

}  // namespace eorun
