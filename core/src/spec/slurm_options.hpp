// How sweeps are submitted to Slurm: the [slurm] table of eorun.toml, overridden by the options of
// `eorun sweep --executor slurm`. Every value is checked here, before anything is submitted, so a
// typo in a time limit is an eorun error naming the key, not a job Slurm refuses later.
//
//   [slurm]
//   partition = "gpu"
//   account = "eo-lab"
//   time = "04:00:00"        # per run: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS
//   cpus_per_run = 8
//   memory = "32G"           # per run: a number with K, M, G or T (Slurm's --mem)
//   gres = "gpu:1"           # name[:type]:count
//   max_running = 16         # array tasks running at once (sbatch --array=...%N)
//   sbatch_args = ["--qos=normal", "--constraint=a100"]
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace eorun {

struct SlurmOptions {
  std::string partition;                 // empty: the cluster's default partition
  std::string account;                   // empty: the user's default account
  std::string time;                      // empty: the partition's default time limit
  int cpus_per_run = 0;                  // 0: Slurm's default (one)
  std::string memory;                    // empty: the partition's default
  std::string gres;                      // empty: none
  int max_running = 0;                   // 0: no limit
  std::vector<std::string> sbatch_args;  // passed to sbatch as they are, after eorun's own
};

// The [slurm] table of `file`. Throws eorun::Error naming `file` and the key for an unknown key,
// a value of the wrong type, or a value Slurm would not read.
SlurmOptions read_slurm_options(const std::string& file, const nlohmann::json& table);

// Each check below throws eorun::Error with `subject` (e.g. "--time 4h" or "eorun.toml: slurm.time").
void check_slurm_time(const std::string& subject, const std::string& value);
void check_slurm_memory(const std::string& subject, const std::string& value);
void check_slurm_gres(const std::string& subject, const std::string& value);

}  // namespace eorun
