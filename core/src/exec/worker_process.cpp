#include "exec/worker_process.hpp"

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

#include "eorun/error.hpp"

namespace eorun {

pid_t start_worker(const std::filesystem::path& program, const std::vector<std::string>& args) {
  // Everything the child needs is built before fork: after it, only async-signal-safe calls.
  std::vector<std::string> owned;
  owned.push_back(program.string());
  owned.insert(owned.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : owned) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0)
    throw Error(program.string(), std::string("cannot start a worker: ") + std::strerror(errno),
                "lower --jobs or free some memory");
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);  // the coordinator died before prctl took effect
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

std::optional<WorkerExit> wait_for_worker() {
  for (;;) {
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;
      return std::nullopt;  // ECHILD: none left
    }
    WorkerExit exit;
    exit.pid = pid;
    if (WIFSIGNALED(status)) {
      exit.signalled = true;
      exit.code = WTERMSIG(status);
    } else {
      exit.code = WEXITSTATUS(status);
    }
    return exit;
  }
}

}  // namespace eorun
