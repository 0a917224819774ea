// From a sweep script to the runs it stands for: expanded, resolved, opened and identified.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "exec/run_executor.hpp"

namespace eorun {

struct SweepRun {
  std::size_t position = 0;   // index in the plan: parent runs first, then the expansion
  nlohmann::json assignment;  // the swept values of this run ({"parent": true} for a parent)
  // Everything but the data when data_error is set: the run's dataset could not be opened
  // (DataError). Such a run is recorded as failed with this reason, under an id made from its
  // spec and the error, and the sweep goes on with the others.
  PreparedRun prepared;
  std::string data_error;
};

struct PlannedSweep {
  std::string sweep_id;  // sha256 over the script, the overrides and the planned run ids
  std::string name;
  std::filesystem::path script_path;
  std::string script_text;
  std::string script_sha256;
  nlohmann::json overrides = nlohmann::json::object();
  // Distinct identities, in plan order: the runs `run { ... }` defines (parents of others, each
  // before its children), then the expansion of `sweep { ... }`.
  std::vector<SweepRun> runs;
  std::size_t filtered_out = 0;
  std::size_t duplicates = 0;  // plan entries whose identity an earlier entry already has
};

struct SweepPlanOptions {
  std::vector<std::pair<std::string, nlohmann::json>> overrides;  // --set key=value
  int jobs = 1;  // runs at once; a run that does not set train.threads gets cores / jobs
  std::map<std::string, std::filesystem::path> data_roots;  // eorun.toml [data]
  std::filesystem::path registry_path;  // where model.pretrained = "run:<id>" is looked up
};

// Bad input (a Lua error, a key no plugin declares, a missing data root) is thrown as
// eorun::Error / ErrorList, naming the run of the plan where it applies.
PlannedSweep plan_sweep(const std::filesystem::path& script, const SweepPlanOptions& options,
                        const Catalogue& catalogue, FileHashCache& hash_cache);

}  // namespace eorun
