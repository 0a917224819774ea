#include "exec/requested_run.hpp"

#include "eorun/error.hpp"
#include "exec/parent_runs.hpp"

namespace eorun {

ExecutionSettings requested_run_settings(const std::filesystem::path& runs_dir, const std::filesystem::path& cache_dir,
                                         int loader_threads, std::optional<double> grid_intensity,
                                         const std::atomic<bool>& stop_requested) {
  ExecutionSettings settings;
  settings.runs_dir = runs_dir;
  settings.cache_dir = cache_dir;
  settings.loader_threads = loader_threads;
  settings.show_progress = false;
  settings.stop_requested = &stop_requested;
  settings.grid_intensity = grid_intensity;
  return settings;
}

nlohmann::json run_requested(const nlohmann::json& request, const Catalogue& catalogue, FileHashCache& hash_cache,
                             PreparedDataCache& data_cache, const ExecutionSettings& settings) {
  const std::string run_id = request.at("run_id").get<std::string>();
  nlohmann::json reply = {{"run_id", run_id}, {"bundle", false}};
  try {
    const BundleParentRuns parents(settings.runs_dir);
    PreparedRun prepared = prepare_run(request.at("spec"), catalogue, hash_cache, &data_cache, &parents);
    if (prepared.run_id != run_id)
      throw Error("run " + run_id.substr(0, 12),
                  "the worker computed another identity (" + prepared.run_id.substr(0, 12) +
                      "): plugins, data or the eorun build changed during the sweep",
                  "run the sweep again");
    const ExecutedRun executed = execute_run(prepared, catalogue, settings);
    reply["status"] = to_string(executed.status);
    reply["reason"] = executed.record.reason;
    reply["bundle"] = true;
  } catch (const std::exception& e) {
    // Nothing was trained or written: the coordinator records the run as failed with this reason.
    reply["status"] = to_string(RunStatus::failed);
    reply["reason"] = e.what();
  }
  return reply;
}

}  // namespace eorun
