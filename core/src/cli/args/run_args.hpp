// The options of `eorun run CONFIG.toml`, also spelled `eorun CONFIG.toml` (implementation:
// cli/run_command.cpp).
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace eorun {

struct RunArgs {
  std::string config;
  int loader_threads = 0;  // 0: train.threads
  bool no_progress = false;
};

void declare_run(CLI::App& command, RunArgs& args);

}  // namespace eorun
