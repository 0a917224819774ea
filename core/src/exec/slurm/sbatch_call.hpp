// The one sbatch call that submits a sweep's runs to Slurm as a job array: its arguments and the
// batch script every array task runs (`eorun-engine slurm-task`, which trains the run at its
// index of the submitted plan and writes its bundle into the shared runs folder).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "spec/slurm_options.hpp"

namespace eorun {

struct SlurmArray {
  std::string job_name;              // e.g. "eorun-rgb-vs-ms-3f2a9c81d0e4" (found again by squeue)
  std::size_t tasks = 0;             // array indices 0 .. tasks-1, one run each
  std::filesystem::path submission_dir;  // plan.json, the tasks' answers and logs (slurm_plan.hpp)
  std::filesystem::path engine;      // eorun-engine, as the compute nodes see it
  std::vector<std::string> engine_args;  // global options (--plugin-path ...)
  std::filesystem::path runs_dir;
  std::filesystem::path cache_dir;
};

struct SbatchCall {
  std::vector<std::string> args;  // after "sbatch", before the script (which comes on stdin)
  std::string script;
};

// Throws eorun::Error when `array` has no task.
SbatchCall make_sbatch_call(const SlurmOptions& options, const SlurmArray& array);

// The command line as a shell would take it (for --dry-run and error messages).
std::string shell_command(const std::string& program, const std::vector<std::string>& args);

}  // namespace eorun
