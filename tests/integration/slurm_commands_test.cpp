// eorun's calls of sbatch, squeue and scontrol against the real single-node Slurm of the tests
// (the `slurm` ctest fixture): a job array submitted and found again by id and by name, its queued
// tasks expanded by index, how a cancelled task ended, and Slurm's refusals passed on.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "eorun/error.hpp"
#include "exec/slurm/slurm_commands.hpp"
#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

class SlurmCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::filesystem::path conf = std::filesystem::path(EORUN_SLURM_DIR) / "slurm.conf";
    ASSERT_TRUE(std::filesystem::exists(conf)) << "no test cluster: run these tests through ctest (fixture slurm)";
    ::setenv("SLURM_CONF", conf.c_str(), 1);
  }
  SbatchCall call(const std::string& name, const std::string& range, const std::string& body) {
    SbatchCall call;
    call.args = {"--parsable", "--job-name=" + name, "--array=" + range,
                 "--output=" + (dir_.path() / "%A_%a.log").string()};
    call.script = "#!/bin/bash\n" + body + "\n";
    return call;
  }
  test::TempDir dir_;
};

TEST_F(SlurmCommands, AnArrayRunsToTheEndAndLeavesTheQueue) {
  SbatchCall array = call("eorun-test-end", "0-2", "echo $SLURM_ARRAY_TASK_ID > " + dir_.path().string() +
                                                       "/done-$SLURM_ARRAY_TASK_ID");
  array.args.push_back("--wait");  // returns when every task ended
  const std::string job = submit_job_array(array);
  EXPECT_FALSE(job.empty());
  for (int task = 0; task < 3; ++task)
    EXPECT_TRUE(std::filesystem::exists(dir_.path() / ("done-" + std::to_string(task)))) << task;
  for (const auto& [index, task] : queued_tasks(job)) EXPECT_EQ(task.state, "COMPLETING") << index;
  const std::optional<std::string> ended = task_end_state(job, 1);
  ASSERT_TRUE(ended.has_value());
  EXPECT_NE(ended->find("COMPLETED"), std::string::npos) << *ended;
}

TEST_F(SlurmCommands, QueuedTasksAreFoundByIdAndNameAndACancelledPendingTaskLeavesNoTrace) {
  const std::string job = submit_job_array(call("eorun-test-queue", "0-3%1", "sleep 300"));
  const std::map<std::size_t, QueuedTask> queued = queued_tasks(job);
  ASSERT_EQ(queued.size(), 4u) << "a throttled range is expanded into its indexes";
  EXPECT_EQ(queued.begin()->first, 0u);
  EXPECT_EQ(queued.rbegin()->first, 3u);
  EXPECT_EQ(jobs_named("eorun-test-queue"), std::vector<std::string>{job});
  const ProgramOutput cancelled = run_program_capturing("scancel", {job + "_3"});
  ASSERT_EQ(cancelled.exit_code, 0) << cancelled.err;
  // A pending task cancelled leaves the queue, and Slurm keeps no record of it: the coordinator
  // must take a task that is neither queued nor answered as lost.
  const std::map<std::size_t, QueuedTask> after = queued_tasks(job);
  EXPECT_EQ(after.size(), 3u);
  EXPECT_EQ(after.count(3), 0u);
  EXPECT_FALSE(task_end_state(job, 3).has_value());
  EXPECT_EQ(run_program_capturing("scancel", {job}).exit_code, 0);
}

TEST_F(SlurmCommands, SlurmsRefusalIsPassedOn) {
  SbatchCall bad = call("eorun-test-bad", "0-1", "true");
  bad.args.push_back("--partition=nosuch");
  try {
    submit_job_array(bad);
    FAIL() << "sbatch accepted an unknown partition";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("sbatch: refused the job array: "), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("invalid partition specified: nosuch"), std::string::npos)
        << error.what();
  }
}

TEST_F(SlurmCommands, WithoutSbatchOnPathTheMessageSaysWhatToDo) {
  const std::string path = std::getenv("PATH");
  ::setenv("PATH", dir_.path().c_str(), 1);
  try {
    submit_job_array(call("eorun-test-none", "0-0", "true"));
    ADD_FAILURE() << "submitted without sbatch";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("sbatch is not on PATH; install Slurm's client commands or load them"),
              std::string::npos)
        << error.what();
    EXPECT_NE(std::string(error.what()).find("or run the sweep with the local executor"), std::string::npos);
  }
  ::setenv("PATH", path.c_str(), 1);
}

}  // namespace
}  // namespace eorun
