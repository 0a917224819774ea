// The options of `eorun slurm-task`, the command each task of a Slurm job array runs (written into
// the batch script by `eorun sweep --executor slurm`; not for users; implementation:
// cli/slurm_task_command.cpp).
#pragma once

#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace eorun {

struct SlurmTaskArgs {
  std::string submission;  // the submission folder: <runs>/.slurm/<submission> (plan.json)
  long index = -1;         // the array task id: the run's index in the plan
  std::string runs_dir;
  std::string cache_dir;
  int loader_threads = 0;
  std::optional<double> grid_intensity;
};

void declare_slurm_task(CLI::App& command, SlurmTaskArgs& args);

}  // namespace eorun
