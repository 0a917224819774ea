// Has anything a run used changed since? Re-hashes the plugin binaries and every data file of the
// run's manifest, without training.
#pragma once

#include <string>
#include <vector>

#include "registry/run_record.hpp"
#include "spec/file_hash_cache.hpp"

namespace eorun {

struct DriftReport {
  std::string run_id;
  std::vector<std::string> plugin_changes;  // one sentence each
  std::vector<std::string> param_file_changes;  // files named by path parameters; one sentence each
  std::vector<std::string> changed_files;   // relative to the data base folder
  std::vector<std::string> missing_files;
  std::size_t files_checked = 0;
  bool manifest_missing = false;  // the bundle's manifest.tsv is gone: data cannot be checked
  bool drifted() const {
    return !plugin_changes.empty() || !param_file_changes.empty() || !changed_files.empty() ||
           !missing_files.empty() || manifest_missing;
  }
};

// With `rehash` false, files whose size, mtime and inode are unchanged are taken from the cache.
DriftReport check_drift(const RunRecord& record, FileHashCache& hash_cache, int threads, bool rehash);

}  // namespace eorun
