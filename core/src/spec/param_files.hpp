// The files a run's `path` parameters name (any section: weights files, class lists, split
// files), content-hashed into the run's identity and recorded with it. A changed file changes
// the run id. A path naming a folder is recorded as a folder (what a dataset reads inside it is
// in the data manifest); an empty path is not recorded.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "spec/file_hash_cache.hpp"
#include "spec/run_spec.hpp"

namespace eorun {

struct ParamFile {
  std::string key;   // dotted spec key, e.g. "model.weights"
  std::string path;  // absolute, as in the spec
  enum class Kind { file, folder, missing } kind = Kind::file;
  std::uint64_t size = 0;  // files only
  std::string sha256;      // files only
};

// Every non-empty path parameter of `spec`, sorted by key; files hashed through `cache`.
std::vector<ParamFile> hash_param_files(const RunSpec& spec, FileHashCache& cache, int threads);

// {"model.weights": {"path": ..., "kind": "file", "size": ..., "sha256": ...}, ...}
nlohmann::json param_files_json(const std::vector<ParamFile>& files);

}  // namespace eorun
