// One run, end to end on this process: prepare (resolve, build datasets, hash data, identity),
// then execute (statistics, model, training) into an atomically written bundle.
#pragma once

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "eorun/dataset.hpp"
#include "plugins/catalogue.hpp"
#include "registry/run_record.hpp"
#include "spec/data_manifest.hpp"
#include "spec/file_hash_cache.hpp"
#include "spec/run_spec.hpp"
#include "train/trainer.hpp"

namespace eorun {

struct PreparedRun {
  RunSpec spec;
  std::shared_ptr<Dataset> train, val, test;
  DataManifest manifest;
  nlohmann::json identity;  // the hashed identity document
  std::string run_id;
};

// The opened splits and data manifest of each distinct [dataset] section, so that the runs of a
// sweep that read the same data open and hash it once.
class PreparedDataCache {
 public:
  struct Entry {
    std::shared_ptr<Dataset> train, val, test;
    DataManifest manifest;
  };
  const Entry& get(const RunSpec& spec, const Catalogue& catalogue, FileHashCache& hash_cache);

 private:
  std::map<std::string, Entry> entries_;  // by canonical [dataset] section
};

// Resolves and validates `user_spec` and opens the three splits. Bad input (unknown keys, a missing
// data root or split file, ...) is thrown as eorun::Error / ErrorList before anything is written
// (the file hash cache aside).
PreparedRun prepare_run(const nlohmann::json& user_spec, const Catalogue& catalogue,
                        FileHashCache& hash_cache, PreparedDataCache* data_cache = nullptr);

struct ExecutionSettings {
  std::filesystem::path runs_dir;
  std::filesystem::path cache_dir;
  int loader_threads = 0;  // 0: as many as train.threads (does not change results)
  bool show_progress = true;
  const std::atomic<bool>* stop_requested = nullptr;
};

struct ExecutedRun {
  RunStatus status = RunStatus::failed;
  RunRecord record;  // as written to record.json
  std::filesystem::path bundle_dir;
};

// Trains the prepared run and writes its bundle. A run that goes wrong (unreadable sample, NaN loss,
// interrupted) is still written, with its status and reason; only a failure to write the bundle
// itself throws.
ExecutedRun execute_run(const PreparedRun& run, const Catalogue& catalogue,
                        const ExecutionSettings& settings);

}  // namespace eorun
