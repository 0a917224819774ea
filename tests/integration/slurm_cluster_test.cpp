// The single-node Slurm that tests run against (scripts/slurm-test-cluster.sh, started and stopped
// by ctest as the `slurm` fixture): it runs a throttled job array to the end, reports a failed
// task, and refuses a partition it does not have with Slurm's own message.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using test::CommandResult;
using test::run_program;

class SlurmCluster : public ::testing::Test {
 protected:
  void SetUp() override {
    conf_ = std::filesystem::path(EORUN_SLURM_DIR) / "slurm.conf";
    ASSERT_TRUE(std::filesystem::exists(conf_))
        << "no test cluster at " << EORUN_SLURM_DIR << ": ctest starts it (fixture slurm_cluster_start, "
        << "scripts/slurm-test-cluster.sh start); run these tests through ctest";
  }
  CommandResult sbatch(const std::vector<std::string>& args) {
    return run_program("/usr/bin/sbatch", args, dir_.path(), "SLURM_CONF=" + conf_.string());
  }
  test::TempDir dir_;
  std::filesystem::path conf_;
};

TEST_F(SlurmCluster, RunsAThrottledJobArrayToTheEnd) {
  const CommandResult result =
      sbatch({"--wait", "--array=0-2%2", "--output", (dir_.path() / "task-%a.log").string(), "--wrap",
              "echo $SLURM_ARRAY_TASK_ID > " + dir_.path().string() + "/done-$SLURM_ARRAY_TASK_ID"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  for (int task = 0; task < 3; ++task)
    EXPECT_EQ(test::read_text(dir_.path() / ("done-" + std::to_string(task))), std::to_string(task) + "\n");
}

TEST_F(SlurmCluster, AFailedTaskFailsTheArrayAndTheOthersStillRun) {
  const CommandResult result =
      sbatch({"--wait", "--array=0-1", "--output", (dir_.path() / "task-%a.log").string(), "--wrap",
              "touch " + dir_.path().string() + "/ran-$SLURM_ARRAY_TASK_ID; exit $SLURM_ARRAY_TASK_ID"});
  EXPECT_NE(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "ran-0"));
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "ran-1"));
}

TEST_F(SlurmCluster, APartitionItDoesNotHaveIsRefusedWithSlurmsMessage) {
  const CommandResult result = sbatch({"--partition", "nosuch", "--wrap", "true"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("invalid partition specified: nosuch"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace eorun
