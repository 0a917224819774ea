#include "exec/slurm/sbatch_call.hpp"

#include "eorun/error.hpp"
#include "util/shell_word.hpp"

namespace eorun {

std::string shell_command(const std::string& program, const std::vector<std::string>& args) {
  std::string out = shell_word(program);
  for (const std::string& arg : args) out += " " + shell_word(arg);
  return out;
}

SbatchCall make_sbatch_call(const SlurmOptions& options, const SlurmArray& array) {
  if (array.tasks == 0) throw Error("slurm job array " + array.job_name, "has no run to submit", "nothing to do");
  SbatchCall call;
  std::string range = "0-" + std::to_string(array.tasks - 1);
  if (options.max_running > 0) range += "%" + std::to_string(options.max_running);
  call.args = {"--parsable", "--job-name=" + array.job_name, "--array=" + range,
               "--output=" + (array.submission_dir / "%A_%a.log").string(), "--requeue"};
  if (!options.partition.empty()) call.args.push_back("--partition=" + options.partition);
  if (!options.account.empty()) call.args.push_back("--account=" + options.account);
  if (!options.time.empty()) call.args.push_back("--time=" + options.time);
  if (options.cpus_per_run > 0) call.args.push_back("--cpus-per-task=" + std::to_string(options.cpus_per_run));
  if (!options.memory.empty()) call.args.push_back("--mem=" + options.memory);
  if (!options.gres.empty()) call.args.push_back("--gres=" + options.gres);
  call.args.insert(call.args.end(), options.sbatch_args.begin(), options.sbatch_args.end());

  std::vector<std::string> task = array.engine_args;
  task.insert(task.end(), {"slurm-task", "--submission", array.submission_dir.string(), "--runs-dir", array.runs_dir.string(),
                           "--cache-dir", array.cache_dir.string()});
  call.script = "#!/bin/bash\n"
                "# " + array.job_name + ": one eorun run per array task (written by eorun sweep --executor slurm)\n"
                "set -eu\n"
                "exec " + shell_command(array.engine.string(), task) + " --index \"$SLURM_ARRAY_TASK_ID\"\n";
  return call;
}

}  // namespace eorun
