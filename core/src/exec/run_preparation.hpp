// Preparing one run without training it: resolve the spec, open the three splits, hash the data
// and the files the spec names, check the model against the data, compute the run's identity.
// Everything that can be wrong with a user's input is found here, before anything is recorded.
#pragma once

#include <map>
#include <optional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/class_counts.hpp"
#include "eorun/dataset.hpp"
#include "eorun/loss.hpp"
#include "eorun/model.hpp"
#include "exec/parent_runs.hpp"
#include "plugins/catalogue.hpp"
#include "spec/data_manifest.hpp"
#include "spec/file_hash_cache.hpp"
#include "spec/param_files.hpp"
#include "spec/run_spec.hpp"
#include "train/compute_device.hpp"

namespace eorun {

// The dataset of a valid spec could not be opened (a wrong root, a missing or broken file, an
// unknown label): the data's fault, not the spec's. A sweep records such a run as failed with
// this reason and goes on with the others.
class DataError : public Error {
 public:
  using Error::Error;
};

struct PreparedRun {
  RunSpec spec;
  std::shared_ptr<Dataset> train, val, test;
  DataManifest manifest;
  std::vector<ParamFile> param_files;  // the files the spec's path parameters name, hashed
  std::optional<ParentRun> parent;     // the run model.pretrained names, when it does
  ClassCounts class_counts;            // of the train split (what the loss is told)
  ComputeDevice device;                // train.device, found and named
  nlohmann::json identity;             // the hashed identity document
  std::string run_id;
};

// The opened splits and data manifest of each distinct [dataset] section, so that the runs of a
// sweep that read the same data open and hash it once; and which [model] sections were already
// made and checked against that data.
class PreparedDataCache {
 public:
  struct Entry {
    std::shared_ptr<Dataset> train, val, test;
    DataManifest manifest;
    std::optional<ClassCounts> class_counts;  // counted (or read from the cache) once
    std::set<std::string> checked_models;  // canonical [model] sections
    std::set<std::string> checked_losses;  // canonical [loss] sections
  };
  Entry& get(const RunSpec& spec, const Catalogue& catalogue, FileHashCache& hash_cache);

 private:
  std::map<std::string, Entry> entries_;  // by canonical [dataset] section
};

// What a model is told about the data it will see.
ModelContext model_context_of(const DatasetInfo& info);
// What a loss is told about the train split.
LossContext loss_context_of(const DatasetInfo& info, const ClassCounts& counts);
// The key of what the core computes from a run's train split (band statistics, class counts):
// its files and its [dataset] section.
std::string train_data_key(const RunSpec& spec, const DataManifest& manifest);

// Makes the model of `spec` for `info` (a throwaway) and checks its groups (train/model_groups):
// a model plugin that refuses the data, or whose groups miss or double a parameter, is bad input;
// so is a fine-tuning level the groups cannot serve (last:K), and pretrained weights of `parent`
// (when already trained) that do not fit the model.
void check_model(const RunSpec& spec, const DatasetInfo& info, const Catalogue& catalogue,
                 const ParentRun* parent = nullptr);

// Whether a run starting from `parent` re-initialises the head: the parent saw another number
// of classes.
bool head_is_reinitialised(const ParentRun& parent, const DatasetInfo& info);

// Resolves and validates `user_spec`, opens the three splits and checks the model. Bad input
// (unknown keys, a value out of bounds, a missing data root or split file, a model that does not
// fit the data, an unknown parent run, ...) is thrown as eorun::Error / ErrorList before anything
// is written (the file hash cache aside). `parents` looks up model.pretrained; without it a
// spec that names a parent is refused.
PreparedRun prepare_run(const nlohmann::json& user_spec, const Catalogue& catalogue,
                        FileHashCache& hash_cache, PreparedDataCache* data_cache = nullptr,
                        const ParentRuns* parents = nullptr);

}  // namespace eorun
