#include "cli/args/slurm_task_args.hpp"

#include <CLI/CLI.hpp>

namespace eorun {

void declare_slurm_task(CLI::App& command, SlurmTaskArgs& args) {
  command.add_option("--submission", args.submission, "The submission folder (holds plan.json)")->required();
  command.add_option("--index", args.index, "The array task id: the run's index in the plan")->required();
  command.add_option("--runs-dir", args.runs_dir)->required();
  command.add_option("--cache-dir", args.cache_dir)->required();
  command.add_option("--loader-threads", args.loader_threads);
  command.add_option("--grid-intensity", args.grid_intensity);
}

}  // namespace eorun
