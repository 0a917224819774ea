// eorun worker: a worker process of a sweep (started by the sweep coordinator, not by users). It
// loads the plugins once, then trains each run the coordinator sends over its channel, writes the
// run's bundle and answers with the run's status; it never touches the registry (the coordinator
// ingests the bundles). It ends when the coordinator closes the channel, or after a run that a
// stop request (Ctrl-C) interrupted.
#include <iostream>

#include "cli/commands.hpp"
#include "exec/run_executor.hpp"
#include "exec/worker_channel.hpp"
#include "util/interrupt.hpp"

namespace eorun {

namespace {

// One run of the sweep; the answer for the coordinator.
nlohmann::json run_one(const nlohmann::json& request, const Catalogue& catalogue, FileHashCache& hash_cache,
                       PreparedDataCache& data_cache, const ExecutionSettings& settings) {
  const std::string run_id = request.at("run_id").get<std::string>();
  nlohmann::json reply = {{"run_id", run_id}, {"bundle", false}};
  try {
    const BundleParentRuns parents(settings.runs_dir);
    PreparedRun prepared =
        prepare_run(request.at("spec"), catalogue, hash_cache, &data_cache, &parents);
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

}  // namespace

void execute(const WorkerArgs& options, AppContext& context) {
  WorkerChannel channel(options.channel_fd);
  const std::atomic<bool>& stop_requested = install_interrupt_handler();
  Catalogue catalogue = context.load_catalogue();
  FileHashCache hash_cache(options.cache_dir);
  PreparedDataCache data_cache;  // the runs of a sweep mostly share their data
  ExecutionSettings settings;
  settings.runs_dir = options.runs_dir;
  settings.cache_dir = options.cache_dir;
  settings.loader_threads = options.loader_threads;
  settings.show_progress = false;
  settings.stop_requested = &stop_requested;
  settings.grid_intensity = options.grid_intensity;
  while (std::optional<nlohmann::json> request = channel.receive()) {
    const nlohmann::json reply = run_one(*request, catalogue, hash_cache, data_cache, settings);
    if (!channel.send(reply)) break;
    if (stop_requested.load()) {
      context.exit_code = ExitCode::interrupted;
      break;
    }
  }
}

}  // namespace eorun
