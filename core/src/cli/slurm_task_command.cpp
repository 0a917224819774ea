// eorun slurm-task: one task of a Slurm job array (the batch script of `eorun sweep --executor
// slurm` runs it). It trains the run at its index of the submitted plan, writes the run's bundle
// into the shared runs folder and its answer beside the plan; it never opens the registry (the
// coordinator ingests). Exits 0 when the bundle was written, whatever the run's status (the bundle
// records a failed run and why), 1 when there is no bundle (the answer says why, when it could be
// written at all).
#include <cstdlib>
#include <iostream>

#include "cli/commands.hpp"
#include "exec/requested_run.hpp"
#include "exec/slurm/slurm_plan.hpp"
#include "util/interrupt.hpp"
#include "util/local_process.hpp"

namespace eorun {

namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

}  // namespace

void execute(const SlurmTaskArgs& options, AppContext& context) {
  const std::filesystem::path dir(options.submission);
  const SlurmPlan plan = read_slurm_plan(dir);
  if (options.index < 0 || static_cast<std::size_t>(options.index) >= plan.runs.size())
    throw Error("--index " + std::to_string(options.index),
                "is not a task of this plan (" + std::to_string(plan.runs.size()) + " runs)",
                "submit the sweep again with `eorun sweep --executor slurm`");
  const SlurmPlanRun& run = plan.runs[static_cast<std::size_t>(options.index)];
  std::cerr << "eorun slurm-task: run " << run.run_id << " (index " << options.index << " of "
            << plan.job_name << ") on " << host_name() << "\n";

  const std::atomic<bool>& stop_requested = install_interrupt_handler();
  Catalogue catalogue = context.load_catalogue();
  FileHashCache hash_cache(options.cache_dir);
  PreparedDataCache data_cache;
  const ExecutionSettings settings = requested_run_settings(options.runs_dir, options.cache_dir, options.loader_threads,
                                                            options.grid_intensity, stop_requested);
  nlohmann::json answer = run_requested({{"run_id", run.run_id}, {"spec", run.spec}}, catalogue, hash_cache,
                                        data_cache, settings);
  answer["slurm_job_id"] = environment("SLURM_ARRAY_JOB_ID");
  answer["slurm_task_id"] = environment("SLURM_ARRAY_TASK_ID");
  answer["host"] = host_name();
  write_task_answer(dir, static_cast<std::size_t>(options.index), answer);
  std::cerr << "eorun slurm-task: run " << run.run_id.substr(0, 12) << " " << answer.value("status", "")
            << (answer.value("bundle", false) ? "" : " without a bundle: " + answer.value("reason", "")) << "\n";
  if (stop_requested.load())
    context.exit_code = ExitCode::interrupted;
  else if (!answer.value("bundle", false))
    context.exit_code = ExitCode::failed;
}

}  // namespace eorun
