// The real eorun binary running in the background, for tests that act while it works (Ctrl-C,
// kill -9). Synchronisation is on what the program says on stderr, never on a clock.
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

class RunningEorun {
 public:
  RunningEorun(const std::vector<std::string>& args, const std::filesystem::path& cwd) {
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    std::vector<std::string> owned = {eorun_binary().string()};
    owned.insert(owned.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : owned) argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::filesystem::path old_cwd = std::filesystem::current_path();
    std::filesystem::current_path(cwd);
    const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    std::filesystem::current_path(old_cwd);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    err_fd_ = pipe_fds[0];
    if (spawned != 0) throw std::runtime_error("posix_spawn failed");
  }
  ~RunningEorun() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      wait();
    }
    if (err_fd_ >= 0) ::close(err_fd_);
  }
  RunningEorun(const RunningEorun&) = delete;
  RunningEorun& operator=(const RunningEorun&) = delete;

  // Reads stderr until `text` appears (true) or the program closes it (false).
  bool wait_for(const std::string& text) {
    char buffer[512];
    while (err_.find(text) == std::string::npos) {
      const ssize_t n = ::read(err_fd_, buffer, sizeof buffer);
      if (n <= 0) return false;
      err_.append(buffer, static_cast<std::size_t>(n));
    }
    return true;
  }
  // Reads stderr until a whole line containing `text` has arrived and returns that line (empty
  // when the program closes stderr first). A read may end mid-line: this waits for its end.
  std::string wait_for_line(const std::string& text) {
    std::vector<std::string> lines = wait_for_lines(text, 1);
    return lines.empty() ? std::string() : lines.front();
  }
  // The first `times` whole lines containing `text`; fewer when the program closes stderr first.
  std::vector<std::string> wait_for_lines(const std::string& text, std::size_t times) {
    char buffer[512];
    for (;;) {
      std::vector<std::string> lines;
      std::size_t from = 0;
      for (auto end = err_.find('\n'); end != std::string::npos && lines.size() < times;
           from = end + 1, end = err_.find('\n', from)) {
        std::string line = err_.substr(from, end - from);
        if (line.find(text) != std::string::npos) lines.push_back(std::move(line));
      }
      if (lines.size() == times) return lines;
      const ssize_t n = ::read(err_fd_, buffer, sizeof buffer);
      if (n <= 0) return lines;
      err_.append(buffer, static_cast<std::size_t>(n));
    }
  }
  void signal(int number) { ::kill(pid_, number); }
  // Waits for the end; returns the raw wait status. Reads the rest of stderr first.
  int wait() {
    char buffer[512];
    for (ssize_t n; (n = ::read(err_fd_, buffer, sizeof buffer)) > 0;) err_.append(buffer, static_cast<std::size_t>(n));
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }
  const std::string& err() const { return err_; }

 private:
  pid_t pid_ = -1;
  int err_fd_ = -1;
  std::string err_;
};

}  // namespace eorun::test
