// The options of `eorun reproduce RUN_ID` (implementation: cli/reproduce_command.cpp).
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace eorun {

struct ReproduceArgs {
  std::string run;  // a run id or a unique prefix
  bool no_progress = false;
};

void declare_reproduce(CLI::App& command, ReproduceArgs& args);

}  // namespace eorun
