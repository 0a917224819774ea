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
  std::string executor = "local";  // local | slurm
  bool detach = false;             // slurm: submit, then return
  bool status = false;             // slurm: take over, show what is queued, return
  // slurm: overrides of [slurm] in eorun.toml (empty / 0: keep the table's value)
  std::string partition, account, time, memory, gres;
  int cpus_per_run = 0;
  int max_running = 0;
  std::vector<std::string> sbatch_args;
};

void declare_sweep(CLI::App& command, SweepArgs& args);

}  // namespace eorun
