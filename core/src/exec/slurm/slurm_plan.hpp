// The file a Slurm job array works from, in the shared runs folder: the runs submitted, by array
// index, and the answer each task leaves beside it. The coordinator writes the plan before it
// calls sbatch; a task reads its run from it and writes its answer (atomically) when its bundle is
// written or it knows why there is none.
//
//   <runs>/.slurm/<submission>/plan.json          {"format", "sweep_id", "job_name", "runs": [{"run_id", "spec"}]}
//   <runs>/.slurm/<submission>/answers/<index>.json  the task's answer (requested_run.hpp), plus its
//                                                    Slurm job id, array task id and host
//   <runs>/.slurm/<submission>/<job>_<index>.log     the task's stdout and stderr (sbatch --output)
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace eorun {

struct SlurmPlanRun {
  std::string run_id;
  nlohmann::json spec;  // with the runtime keys the workers need (RunSpec::with_runtime_keys)
};

struct SlurmPlan {
  std::string sweep_id;
  std::string job_name;
  std::vector<SlurmPlanRun> runs;  // by array index
};

// <runs_dir>/.slurm/<submission>
std::filesystem::path submission_dir(const std::filesystem::path& runs_dir, const std::string& submission);

void write_slurm_plan(const std::filesystem::path& dir, const SlurmPlan& plan);
// Throws eorun::Error naming the file when it is missing (the message says the runs folder must be
// on a file system the compute nodes share) or malformed.
SlurmPlan read_slurm_plan(const std::filesystem::path& dir);

void write_task_answer(const std::filesystem::path& dir, std::size_t index, const nlohmann::json& answer);
std::optional<nlohmann::json> read_task_answer(const std::filesystem::path& dir, std::size_t index);

}  // namespace eorun
