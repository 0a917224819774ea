// Processes started blocked on one pipe and released at the same instant, for tests of what many
// processes do at once. Each child's stdin is the pipe's read end and the child waits by reading
// it to its end (a test helper does so itself; `sh -c 'read -r _; exec "$@"' sh PROGRAM ...` does
// so for any program). release() closes the write end: every read returns together. No clock.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/run_eorun.hpp"

extern char** environ;

namespace eorun::test {

class ReleasedTogether {
 public:
  struct Finished {
    int status = -1;  // as waitpid() reports it
    std::string err;
    bool exited_ok() const { return WIFEXITED(status) && WEXITSTATUS(status) == 0; }
  };

  // Each child's stderr is kept in a file under `log_dir` until wait_all().
  explicit ReleasedTogether(std::filesystem::path log_dir) : log_dir_(std::move(log_dir)) {
    if (::pipe2(barrier_, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  }
  ~ReleasedTogether() {
    close_barrier();
    for (pid_t pid : pids_) {
      if (pid <= 0) continue;
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
  }
  ReleasedTogether(const ReleasedTogether&) = delete;
  ReleasedTogether& operator=(const ReleasedTogether&) = delete;

  // Starts `argv` (argv[0] is a path) in `cwd`, stdout to /dev/null; it blocks until release().
  void start(std::vector<std::string> argv, const std::filesystem::path& cwd) {
    const std::string err_path = err_file(pids_.size()).string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, barrier_[0], STDIN_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    std::vector<char*> args;
    for (std::string& arg : argv) args.push_back(arg.data());
    args.push_back(nullptr);
    pid_t pid = -1;
    const int spawned = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) throw std::runtime_error("posix_spawn failed for " + argv[0]);
    pids_.push_back(pid);
  }

  void release() { close_barrier(); }

  // Waits for every child, in the order they were started.
  std::vector<Finished> wait_all() {
    release();
    std::vector<Finished> finished(pids_.size());
    for (std::size_t i = 0; i < pids_.size(); ++i) {
      ::waitpid(pids_[i], &finished[i].status, 0);
      pids_[i] = -1;
      finished[i].err = read_text(err_file(i));
      std::filesystem::remove(err_file(i));
    }
    return finished;
  }

 private:
  std::filesystem::path err_file(std::size_t index) const {
    return log_dir_ / (".released-together-" + std::to_string(index) + ".err");
  }
  void close_barrier() {
    for (int& fd : barrier_) {
      if (fd >= 0) ::close(fd);
      fd = -1;
    }
  }

  std::filesystem::path log_dir_;
  int barrier_[2] = {-1, -1};
  std::vector<pid_t> pids_;
};

}  // namespace eorun::test
