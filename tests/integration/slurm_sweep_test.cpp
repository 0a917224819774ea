// `eorun sweep --executor slurm` against the real single-node Slurm of the tests (the `slurm`
// ctest fixture): a sweep completes and queries like a local one (the same runs, the same weights);
// a cancelled task is recorded failed with Slurm's reason and submitted again by the next command;
// a coordinator killed with -9 is taken over by the same command without a second submission; no
// sbatch and an unknown partition are refused with nothing submitted.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using nlohmann::json;
using test::CommandResult;
using test::run_eorun;

std::string script(const std::string& seeds) {
  return "return sweep {\n"
         "  name = 'tiny',\n"
         "  base = {\n"
         "    dataset = { plugin = 'synthetic', task = 'single_label', classes = 4, bands = 3, size = 16,\n"
         "                train = 64, val = 32, test = 32, seed = 4, noise = 2.0 },\n"
         "    model = { plugin = 'shortcnn', input_size = 16 },\n"
         "    loss = { plugin = 'cross_entropy' },\n"
         "    train = { epochs = 1, batch_size = 16, threads = 1 },\n"
         "  },\n"
         "  grid = { ['train.seed'] = { " + seeds + " } },\n"
         "}\n";
}

class SlurmSweep : public ::testing::Test {
 protected:
  void SetUp() override {
    conf_ = std::filesystem::path(EORUN_SLURM_DIR) / "slurm.conf";
    ASSERT_TRUE(std::filesystem::exists(conf_)) << "no test cluster: run these tests through ctest (fixture slurm)";
  }
  // Each test its own seeds, so its sweep (and the name of its Slurm jobs) is its own.
  void write_script(const std::string& seeds) { std::ofstream(dir_.path() / "tiny.lua") << script(seeds); }
  CommandResult eorun(std::vector<std::string> args, const std::string& env = "") {
    return run_eorun(args, dir_.path(), "SLURM_CONF=" + conf_.string() + " " + env);
  }
  json query(std::vector<std::string> args) {
    args.insert(args.begin(), "query");
    args.insert(args.end(), {"--format", "json", "--top", "all"});
    const CommandResult result = eorun(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return json::parse(result.out);
  }
  std::size_t submissions() {
    std::size_t n = 0;
    std::error_code ec;
    if (!std::filesystem::exists(dir_.path() / "runs" / ".slurm")) return 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path() / "runs" / ".slurm", ec))
      n += entry.is_directory();
    return n;
  }
  test::TempDir dir_;
  std::filesystem::path conf_;
};

std::map<std::string, std::string> weights_by_run(const json& listed) {
  std::map<std::string, std::string> out;
  for (const json& run : listed.at("runs")) out[run.at("run_id")] = run.at("final_weights_sha256");
  return out;
}

// The job id in "submitted N run(s) as Slurm job array <id> (...)".
std::string job_id_in(const std::string& log) {
  const std::string marker = "as Slurm job array ";
  const std::size_t at = log.find(marker);
  if (at == std::string::npos) return {};
  const std::size_t start = at + marker.size();
  return log.substr(start, log.find(' ', start) - start);
}

TEST_F(SlurmSweep, CompletesAndQueriesLikeALocalSweep) {
  write_script("1, 2, 3");
  const CommandResult slurm = eorun({"sweep", "tiny.lua", "--executor", "slurm", "--no-progress"});
  ASSERT_EQ(slurm.exit_code, 0) << slurm.out << slurm.err;
  EXPECT_NE(slurm.out.find("3 runs: 3 completed, 0 cached, 0 failed"), std::string::npos) << slurm.out;
  EXPECT_NE(slurm.err.find("submitted 3 run(s) as Slurm job array "), std::string::npos) << slurm.err;
  const auto on_slurm = weights_by_run(query({"--best", "oa"}));
  ASSERT_EQ(on_slurm.size(), 3u);
  // Each record names the Slurm task that trained it.
  const CommandResult shown = eorun({"show", on_slurm.begin()->first, "--format", "json"});
  const json env = json::parse(shown.out).at("env");
  ASSERT_TRUE(env.contains("slurm")) << env.dump();
  EXPECT_EQ(env.at("slurm").at("job_id"), job_id_in(slurm.err));
  EXPECT_FALSE(env.at("slurm").at("task_id").get<std::string>().empty());

  test::TempDir local_dir;
  std::ofstream(local_dir.path() / "tiny.lua") << script("1, 2, 3");
  const CommandResult local = run_eorun({"sweep", "tiny.lua", "--no-progress"}, local_dir.path());
  ASSERT_EQ(local.exit_code, 0) << local.err;
  const CommandResult listed = run_eorun({"query", "--best", "oa", "--format", "json"}, local_dir.path());
  EXPECT_EQ(weights_by_run(json::parse(listed.out)), on_slurm) << "the same runs, bit for bit";

  const CommandResult again = eorun({"sweep", "tiny.lua", "--executor", "slurm"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("0 completed, 3 cached"), std::string::npos) << again.out;
  EXPECT_EQ(again.err.find("submitted"), std::string::npos) << "nothing is submitted twice: " << again.err;
  EXPECT_EQ(submissions(), 1u);
}

TEST_F(SlurmSweep, ACancelledTaskIsRecordedFailedAndSubmittedAgainByTheNextCommand) {
  write_script("4, 5, 6");
  const CommandResult detached =
      eorun({"sweep", "tiny.lua", "--executor", "slurm", "--detach", "--max-running", "1"});
  ASSERT_EQ(detached.exit_code, 0) << detached.err;
  const std::string job = job_id_in(detached.err);
  ASSERT_FALSE(job.empty()) << detached.err;
  // Task 2 waits behind the throttle: cancelled, it leaves the queue without a trace.
  ASSERT_EQ(test::run_program("/usr/bin/scancel", {job + "_2"}, dir_.path(), "SLURM_CONF=" + conf_.string())
                .exit_code,
            0);
  const CommandResult taken_over = eorun({"sweep", "tiny.lua", "--executor", "slurm", "--no-progress"});
  ASSERT_EQ(taken_over.exit_code, 0) << taken_over.out << taken_over.err;
  EXPECT_NE(taken_over.err.find("failed  (Slurm task " + job + "_2 left the queue without a bundle; Slurm no longer "
                                "knows it (cancelled while pending"),
            std::string::npos)
      << taken_over.err;
  EXPECT_NE(taken_over.err.find("submitted 1 run(s) as Slurm job array"), std::string::npos) << taken_over.err;
  // Bundles that tasks finished before this command started count as cached (ingested on start).
  EXPECT_NE(taken_over.out.find(" 0 failed"), std::string::npos) << taken_over.out;
  EXPECT_EQ(query({"--best", "oa"}).at("runs").size(), 3u);
  int retried = 0;
  const json attempts = query({"--columns", "attempt"});
  for (const json& run : attempts.at("runs")) retried += run.at("columns").at("attempt") == 2;
  EXPECT_EQ(retried, 1) << "the cancelled run was recorded failed, then completed on its second attempt";
}

TEST_F(SlurmSweep, ACoordinatorKilledWithMinus9IsTakenOverWithoutASecondSubmission) {
  write_script("7, 8, 9");
  // The coordinator in a child process (the front execs the engine: one pid), killed with -9 as soon
  // as it reports the submission.
  int output[2];
  ASSERT_EQ(::pipe(output), 0);
  const std::string binary = test::eorun_binary().string();
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::dup2(output[1], 1);
    ::dup2(output[1], 2);
    ::close(output[0]);
    if (::chdir(dir_.path().c_str()) != 0) ::_exit(127);
    ::setenv("SLURM_CONF", conf_.c_str(), 1);
    ::setenv("EORUN_PLUGIN_PATH", "", 1);
    ::execl(binary.c_str(), binary.c_str(), "sweep", "tiny.lua", "--executor", "slurm", "--max-running", "1",
            "--no-progress", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(output[1]);
  FILE* coordinator = ::fdopen(output[0], "r");
  char line[4096];
  bool submitted = false;
  while (std::fgets(line, sizeof line, coordinator))
    if (std::string(line).find("submitted 3 run(s)") != std::string::npos) {
      submitted = true;
      break;
    }
  // While it watches, a second coordinator of the same sweep is refused: it would submit again.
  const CommandResult second = eorun({"sweep", "tiny.lua", "--executor", "slurm", "--no-progress"});
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  std::fclose(coordinator);
  ASSERT_TRUE(submitted);
  EXPECT_EQ(second.exit_code, 2) << second.err;
  EXPECT_NE(second.err.find(": another eorun process is coordinating it on Slurm right now"), std::string::npos)
      << second.err;

  const CommandResult taken_over = eorun({"sweep", "tiny.lua", "--executor", "slurm", "--no-progress"});
  ASSERT_EQ(taken_over.exit_code, 0) << taken_over.out << taken_over.err;
  EXPECT_EQ(taken_over.err.find("submitted"), std::string::npos) << "submitted again: " << taken_over.err;
  EXPECT_NE(taken_over.out.find("3 runs: "), std::string::npos);
  EXPECT_EQ(query({"--best", "oa"}).at("runs").size(), 3u);
  EXPECT_EQ(submissions(), 1u);
}

TEST_F(SlurmSweep, NoSbatchOrAnUnknownPartitionIsRefusedWithNothingSubmitted) {
  write_script("10, 11");
  const CommandResult no_sbatch = eorun({"sweep", "tiny.lua", "--executor", "slurm"}, "PATH=/nonexistent");
  EXPECT_EQ(no_sbatch.exit_code, 2) << no_sbatch.err;
  EXPECT_NE(no_sbatch.err.find("eorun: error: --executor slurm: sbatch is not on PATH; install Slurm's client "
                               "commands or load them"),
            std::string::npos)
      << no_sbatch.err;
  const CommandResult partition = eorun({"sweep", "tiny.lua", "--executor", "slurm", "--partition", "nosuch"});
  EXPECT_EQ(partition.exit_code, 2) << partition.err;
  EXPECT_NE(partition.err.find("sbatch: refused the job array: sbatch: error: invalid partition specified: nosuch"),
            std::string::npos)
      << partition.err;
  EXPECT_EQ(submissions(), 0u);
  const CommandResult bad_time = eorun({"sweep", "tiny.lua", "--executor", "slurm", "--time", "4h"});
  EXPECT_EQ(bad_time.exit_code, 2);
  EXPECT_NE(bad_time.err.find("--time 4h: is not a Slurm time limit"), std::string::npos) << bad_time.err;
}

TEST_F(SlurmSweep, ARunsFolderTheComputeNodesCannotSeeIsNamedAsTheCause) {
  write_script("12, 13");
  // The test cluster's jobs see an empty folder over EORUN_SLURM_DIR/unshared (slurm-test-cluster.sh).
  const std::filesystem::path runs =
      std::filesystem::path(EORUN_SLURM_DIR) / "unshared" / dir_.path().filename() / "runs";
  std::ofstream(dir_.path() / "eorun.toml") << "[paths]\nruns = \"" << runs.string() << "\"\n";
  const CommandResult result = eorun({"sweep", "tiny.lua", "--executor", "slurm", "--no-progress"});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.err.find("left no log in " + runs.string() + "/.slurm/"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(": the runs folder must be on a file system the compute nodes share ([paths] runs in "
                            "eorun.toml)"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.out.find("2 runs: 0 completed, 0 cached, 2 failed"), std::string::npos) << result.out;
  const json failed = query({"--where", "status = 'failed'"});
  EXPECT_EQ(failed.at("runs").size(), 2u) << "both runs are recorded, as failed";
  std::error_code ec;
  std::filesystem::remove_all(runs.parent_path(), ec);
}

TEST_F(SlurmSweep, DryRunShowsTheSbatchCallAndStatusShowsTheQueue) {
  write_script("14, 15, 16");
  std::ofstream(dir_.path() / "eorun.toml") << "[slurm]\ntime = \"00:30:00\"\nmemory = \"2G\"\n";
  const CommandResult dry = eorun({"sweep", "tiny.lua", "--executor", "slurm", "--dry-run", "--max-running", "2",
                                   "--sbatch-arg=--comment=eorun-test"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("--array=0-2%2"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("--time=00:30:00 --mem=2G --comment=eorun-test < script"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("slurm-task --submission "), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("--index \"$SLURM_ARRAY_TASK_ID\""), std::string::npos) << dry.out;
  EXPECT_EQ(submissions(), 0u) << "a dry run submits nothing";

  // One task at a time, the first held: --status shows the other two waiting, then returns.
  const CommandResult detached = eorun(
      {"sweep", "tiny.lua", "--executor", "slurm", "--detach", "--max-running", "1", "--sbatch-arg=--hold"});
  ASSERT_EQ(detached.exit_code, 0) << detached.err;
  const CommandResult status = eorun({"sweep", "tiny.lua", "--executor", "slurm", "--status"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.err.find("3 run(s) still queued or running on Slurm"), std::string::npos) << status.err;
  EXPECT_NE(status.err.find("PENDING"), std::string::npos) << status.err;
  EXPECT_EQ(status.err.find("submitted"), std::string::npos) << status.err;
  EXPECT_EQ(test::run_program("/usr/bin/scancel", {job_id_in(detached.err)}, dir_.path(),
                              "SLURM_CONF=" + conf_.string())
                .exit_code,
            0);
  const CommandResult detach_locally = eorun({"sweep", "tiny.lua", "--detach"});
  EXPECT_EQ(detach_locally.exit_code, 2);
  EXPECT_NE(detach_locally.err.find("--detach: only applies to --executor slurm"), std::string::npos);
}

}  // namespace
}  // namespace eorun
