// Talking to Slurm through its commands (sbatch, squeue, scontrol), as a user would: eorun needs no
// Slurm library and no daemon of its own, and works with whatever Slurm the cluster runs.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "exec/slurm/sbatch_call.hpp"

namespace eorun {

// What a program printed and how it ended.
struct ProgramOutput {
  int exit_code = -1;  // -1 when it could not be started or was killed by a signal
  std::string out;
  std::string err;
};

// Runs `program` (looked up on PATH) with `args`, `input` on its stdin; waits for it.
ProgramOutput run_program_capturing(const std::string& program, const std::vector<std::string>& args,
                                    const std::string& input = {});

// Submits `call` (script on sbatch's stdin) and returns the job id. Throws eorun::Error when sbatch
// is not on PATH (install or load Slurm, or use the local executor) or refuses the job (Slurm's own
// message passed on).
std::string submit_job_array(const SbatchCall& call);

// A task of a job array as squeue shows it while it is pending or running.
struct QueuedTask {
  std::string state;   // PENDING, RUNNING, COMPLETING, ...
  std::string reason;  // why it waits (Resources, Priority, ...) or "None"
};

// The tasks of job array `job_id` still in the queue, by array index. A pending range ("0-5%2")
// is expanded.
std::map<std::size_t, QueuedTask> queued_tasks(const std::string& job_id);

// The ids of jobs named `name` still known to Slurm (to find an array whose id was never stored).
std::vector<std::string> jobs_named(const std::string& name);

// How an array task ended, from scontrol while Slurm still remembers it: "JobState=... Reason=...
// ExitCode=..." in a few words; nullopt when Slurm has forgotten the task.
std::optional<std::string> task_end_state(const std::string& job_id, std::size_t index);

}  // namespace eorun
