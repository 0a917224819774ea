// eorun worker: a worker process of a sweep (started by the sweep coordinator, not by users). It
// loads the plugins once, then trains each run the coordinator sends over its channel, writes the
// run's bundle and answers with the run's status; it never touches the registry (the coordinator
// ingests the bundles). It ends when the coordinator closes the channel, or after a run that a
// stop request (Ctrl-C) interrupted.
#include <iostream>

#include "cli/commands.hpp"
#include "exec/requested_run.hpp"
#include "exec/worker_channel.hpp"
#include "util/interrupt.hpp"

namespace eorun {

void execute(const WorkerArgs& options, AppContext& context) {
  WorkerChannel channel(options.channel_fd);
  const std::atomic<bool>& stop_requested = install_interrupt_handler();
  Catalogue catalogue = context.load_catalogue();
  FileHashCache hash_cache(options.cache_dir);
  PreparedDataCache data_cache;  // the runs of a sweep mostly share their data
  const ExecutionSettings settings = requested_run_settings(options.runs_dir, options.cache_dir, options.loader_threads,
                                                            options.grid_intensity, stop_requested);
  while (std::optional<nlohmann::json> request = channel.receive()) {
    const nlohmann::json reply = run_requested(*request, catalogue, hash_cache, data_cache, settings);
    if (!channel.send(reply)) break;
    if (stop_requested.load()) {
      context.exit_code = ExitCode::interrupted;
      break;
    }
  }
}

}  // namespace eorun
