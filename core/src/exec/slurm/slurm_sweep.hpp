// Running a planned sweep on Slurm: the runs still to do go to the cluster as job arrays (one run
// per array task, eorun-engine slurm-task), their bundles come back through the shared runs
// folder, and this process, the only writer of the registry, ingests them as they appear.
//
// Everything a later command needs to take over lives in the runs folder, beside the bundles
// (slurm_plan.hpp): a submission's plan is written before sbatch is called, its job id right after
// (and found again by the job's name when a crash came in between), each task's answer when it
// ends. So the same command again, after a crash or --detach, reattaches: it ingests what
// finished, waits for what is queued, records each task that left the queue without an answer as
// failed with Slurm's reason, and submits those runs again; none is submitted twice.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "exec/slurm/sbatch_call.hpp"
#include "exec/sweep_coordinator.hpp"
#include "spec/slurm_options.hpp"

namespace eorun {

struct SlurmSweepSettings {
  SlurmOptions options;
  std::filesystem::path runs_dir;   // shared with the compute nodes
  std::filesystem::path cache_dir;  // shared with the compute nodes
  std::filesystem::path engine;     // eorun-engine as the compute nodes see it
  std::vector<std::string> engine_args;
  std::optional<double> grid_intensity;
  bool detach = false;  // submit, then return
  std::chrono::milliseconds poll_interval{2000};
  const std::atomic<bool>* stop_requested = nullptr;  // stops watching; submitted tasks keep running
};

SweepOutcome execute_slurm_sweep(const PlannedSweep& sweep, Registry& registry, const SlurmSweepSettings& settings,
                                 std::ostream& log);

}  // namespace eorun
