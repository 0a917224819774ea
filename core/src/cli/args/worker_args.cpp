#include "cli/args/worker_args.hpp"

#include <CLI/CLI.hpp>

namespace eorun {

void declare_worker(CLI::App& command, WorkerArgs& args) {
  command.add_option("--channel-fd", args.channel_fd)->required();
  command.add_option("--runs-dir", args.runs_dir)->required();
  command.add_option("--cache-dir", args.cache_dir)->required();
  command.add_option("--loader-threads", args.loader_threads);
  command.add_option("--grid-intensity", args.grid_intensity);
}

}  // namespace eorun
