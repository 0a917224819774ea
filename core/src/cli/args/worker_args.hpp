// The options of `eorun worker`, a worker process that `eorun sweep --jobs N` starts (not for
// users; implementation: cli/worker_command.cpp).
#pragma once

#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace eorun {

struct WorkerArgs {
  int channel_fd = -1;  // the coordinator's end of the channel, inherited
  std::string runs_dir;
  std::string cache_dir;
  int loader_threads = 0;
  std::optional<double> grid_intensity;  // [energy] grid_intensity of the coordinator's project
};

void declare_worker(CLI::App& command, WorkerArgs& args);

}  // namespace eorun
