// Writing a packed cache file (cache/packed_layout.hpp) from a dataset split: every sample is
// read once through the plugin on `threads` threads and written in index order. The file is
// written under a temporary name beside the destination, flushed to disk and renamed: a crash or
// a full disk never leaves a file under the final name.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "eorun/dataset.hpp"

namespace eorun {

// What the header says about where the samples came from.
struct PackedSource {
  std::string key;              // the cache key (cache/cache_key.hpp)
  nlohmann::json description;   // plugin, version, binary hash, parameters, split
  std::string manifest_tsv;     // the split's data manifest
  std::string manifest_base;    // the folder its paths are relative to
  std::string manifest_sha256;
};

struct PackedBuildResult {
  std::filesystem::path file;
  std::size_t samples = 0;
  std::uint64_t bytes = 0;
  double seconds = 0;
  std::string content_sha256;
};

// Throws eorun::Error naming the sample (a plugin's error) or the file (a write that failed:
// no space, no permission); the temporary file is removed either way.
PackedBuildResult write_packed_file(const Dataset& dataset, const PackedSource& source,
                                    const std::filesystem::path& destination, int threads);

}  // namespace eorun
