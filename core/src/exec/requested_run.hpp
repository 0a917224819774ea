// One run that a coordinator handed to another process (a local worker, or a Slurm array task):
// prepared again from its spec, checked to have the identity the coordinator planned, trained, and
// its bundle written. Never touches the registry: the coordinator ingests the bundle.
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>

#include <nlohmann/json.hpp>

#include "exec/run_executor.hpp"
#include "exec/run_preparation.hpp"

namespace eorun {

// How a process that runs requested runs trains them: into `runs_dir`, without a progress bar
// (nobody watches its terminal), stopping when `stop_requested` is set.
ExecutionSettings requested_run_settings(const std::filesystem::path& runs_dir, const std::filesystem::path& cache_dir,
                                         int loader_threads, std::optional<double> grid_intensity,
                                         const std::atomic<bool>& stop_requested);

// `request`: {"run_id", "spec"}. The answer: {"run_id", "status", "reason", "bundle"}, where
// "bundle" says whether the run's bundle was written (it is not when the run could not even be
// prepared; "reason" says why).
nlohmann::json run_requested(const nlohmann::json& request, const Catalogue& catalogue, FileHashCache& hash_cache,
                             PreparedDataCache& data_cache, const ExecutionSettings& settings);

}  // namespace eorun
