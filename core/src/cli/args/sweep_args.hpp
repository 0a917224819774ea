// The options of `eorun sweep FILE.lua`, also spelled `eorun FILE.lua` (implementation:
// cli/sweep_command.cpp).
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace eorun {

struct SweepArgs {
  std::string script;
  bool dry_run = false;
  int jobs = 1;
  std::vector<std::string> sets;  // --set KEY=VALUE
  bool no_progress = false;
};

void declare_sweep(CLI::App& command, SweepArgs& args);

}  // namespace eorun
