// The data manifest: every file a run reads, with its size and content hash, and one hash over
// all of it. Paths are kept relative to the files' common folder, so moving a data set does not
// change its hash while changing any byte of it does.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "spec/file_hash_cache.hpp"

namespace eorun {

struct ManifestEntry {
  std::string path;  // relative to DataManifest::base
  std::uint64_t size = 0;
  std::string sha256;
};

struct DataManifest {
  std::filesystem::path base;          // the common folder of every file
  std::vector<ManifestEntry> entries;  // sorted by path, no duplicates
  std::uint64_t byte_count = 0;
  std::string sha256;                  // of to_tsv()

  // One line per file: "<sha256>\t<size>\t<path>\n", sorted by path.
  std::string to_tsv() const;
};

// Builds the manifest of `files` (absolute paths; duplicates allowed), hashing through `cache`.
DataManifest build_data_manifest(const std::vector<std::string>& files, FileHashCache& cache,
                                 int threads);

// Parses a manifest written by to_tsv() (for drift checks); `base` is taken as given.
DataManifest parse_data_manifest(const std::string& tsv, const std::filesystem::path& base);

}  // namespace eorun
