// Ctrl-C during training: the run stops at the next batch, is recorded as interrupted, exit 130.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "registry/registry.hpp"
#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"

extern char** environ;

namespace eorun {
namespace {

TEST(Interrupt, CtrlCRecordsAnInterruptedRun) {
  test::TempDir dir;
  ASSERT_EQ(test::run_eorun({"data", "synth", "--out", "data", "--patches", "40", "--seed", "5"}, dir.path())
                .exit_code, 0);
  std::ofstream(dir.path() / "long.toml")
      << "[dataset]\nplugin = \"bigearthnet\"\nroot = \"data\"\n[model]\nplugin = \"shortcnn\"\n"
         "[loss]\nplugin = \"bce\"\n[train]\nepochs = 500\nbatch_size = 8\nthreads = 1\n";

  int err_pipe[2];
  ASSERT_EQ(::pipe(err_pipe), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  const std::string binary = test::eorun_binary().string();
  const std::string registry = (dir.path() / "eorun.db").string();
  const std::string config = (dir.path() / "long.toml").string();
  std::vector<std::string> args = {binary, "--registry", registry, "run", config, "--no-progress"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::filesystem::path old_cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  pid_t pid = -1;
  int spawned = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
  std::filesystem::current_path(old_cwd);
  posix_spawn_file_actions_destroy(&actions);
  ::close(err_pipe[1]);
  ASSERT_EQ(spawned, 0);

  // Wait (on the pipe, not on a clock) until the run says it is training, then press Ctrl-C.
  std::string err;
  char buffer[256];
  bool training = false;
  for (ssize_t n; !training && (n = ::read(err_pipe[0], buffer, sizeof buffer)) > 0;) {
    err.append(buffer, static_cast<std::size_t>(n));
    training = err.find(": training ") != std::string::npos;
  }
  ASSERT_TRUE(training) << err;
  ::kill(pid, SIGINT);
  for (ssize_t n; (n = ::read(err_pipe[0], buffer, sizeof buffer)) > 0;) err.append(buffer, static_cast<std::size_t>(n));
  ::close(err_pipe[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << err;
  EXPECT_EQ(WEXITSTATUS(status), 130) << err;

  Registry reg = Registry::open(registry);
  ASSERT_EQ(reg.run_count(), 1u);
  bool found = false;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "runs")) {
    auto summary = reg.run_summary(entry.path().filename().string());
    if (!summary) continue;
    found = true;
    EXPECT_EQ(summary->status, "interrupted");
    EXPECT_NE(summary->reason.find("interrupted"), std::string::npos) << summary->reason;
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace eorun
