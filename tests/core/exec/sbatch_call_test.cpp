// The sbatch call of a Slurm sweep: one throttled job array, the options of [slurm] as sbatch's own,
// and a script that runs the task's run with eorun-engine.
#include <gtest/gtest.h>

#include "eorun/error.hpp"
#include "exec/slurm/sbatch_call.hpp"

namespace eorun {
namespace {

SlurmArray array_of(std::size_t tasks) {
  SlurmArray array;
  array.job_name = "eorun-demo-3f2a9c81d0e4";
  array.tasks = tasks;
  array.submission_dir = "/shared/runs/.slurm/3f2a";
  array.engine = "/opt/eorun/bin/eorun-engine";
  array.engine_args = {"--plugin-path", "/opt/my plugins"};
  array.runs_dir = "/shared/runs";
  array.cache_dir = "/shared/.eorun-cache";
  return array;
}

TEST(SbatchCall, OneThrottledArrayWithTheOptionsOfSlurmTable) {
  SlurmOptions options;
  options.partition = "gpu";
  options.account = "eo-lab";
  options.time = "04:00:00";
  options.cpus_per_run = 8;
  options.memory = "32G";
  options.gres = "gpu:1";
  options.max_running = 4;
  options.sbatch_args = {"--qos=normal"};
  const SbatchCall call = make_sbatch_call(options, array_of(24));
  EXPECT_EQ(call.args,
            (std::vector<std::string>{"--parsable", "--job-name=eorun-demo-3f2a9c81d0e4", "--array=0-23%4",
                                      "--output=/shared/runs/.slurm/3f2a/%A_%a.log", "--requeue",
                                      "--partition=gpu", "--account=eo-lab", "--time=04:00:00",
                                      "--cpus-per-task=8", "--mem=32G", "--gres=gpu:1", "--qos=normal"}));
  EXPECT_EQ(call.script,
            "#!/bin/bash\n"
            "# eorun-demo-3f2a9c81d0e4: one eorun run per array task (written by eorun sweep --executor slurm)\n"
            "set -eu\n"
            "exec /opt/eorun/bin/eorun-engine --plugin-path '/opt/my plugins' slurm-task --submission "
            "/shared/runs/.slurm/3f2a --runs-dir /shared/runs --cache-dir /shared/.eorun-cache "
            "--index \"$SLURM_ARRAY_TASK_ID\"\n");
}

TEST(SbatchCall, WithoutOptionsSlurmsDefaultsApply) {
  const SbatchCall call = make_sbatch_call(SlurmOptions{}, array_of(1));
  EXPECT_EQ(call.args, (std::vector<std::string>{"--parsable", "--job-name=eorun-demo-3f2a9c81d0e4", "--array=0-0",
                                                 "--output=/shared/runs/.slurm/3f2a/%A_%a.log", "--requeue"}));
  EXPECT_THROW(make_sbatch_call(SlurmOptions{}, array_of(0)), Error);
  EXPECT_EQ(shell_command("sbatch", {"--wrap=echo 'hi'", "a b"}), "sbatch '--wrap=echo '\\''hi'\\''' 'a b'");
}

}  // namespace
}  // namespace eorun
