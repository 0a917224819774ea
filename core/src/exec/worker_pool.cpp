#include "exec/worker_pool.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

#include "eorun/error.hpp"
#include "exec/worker_channel.hpp"

namespace eorun {

namespace {

constexpr int kChildChannelFd = 3;

}  // namespace

WorkerPool::WorkerPool(std::filesystem::path program, std::vector<std::string> args, std::size_t size)
    : program_(std::move(program)), args_(std::move(args)), size_(size == 0 ? 1 : size) {}

WorkerPool::~WorkerPool() {
  // Normally every worker is idle here. When the coordinator gives up early (an exception), a busy
  // worker is asked to stop: it records its run as interrupted, then sees its channel closed.
  for (Worker& worker : workers_) {
    if (!worker.run_id.empty()) ::kill(worker.pid, SIGINT);
    ::close(worker.channel->fd());
  }
  for (Worker& worker : workers_) {
    int status = 0;
    while (::waitpid(worker.pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

std::size_t WorkerPool::busy() const {
  std::size_t n = 0;
  for (const Worker& worker : workers_) n += worker.run_id.empty() ? 0 : 1;
  return n;
}

std::vector<pid_t> WorkerPool::pids() const {
  std::vector<pid_t> out;
  for (const Worker& worker : workers_) out.push_back(worker.pid);
  return out;
}

WorkerPool::Worker& WorkerPool::start() {
  int ends[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0)
    throw Error(program_.string(), std::string("cannot open a channel to a worker: ") + std::strerror(errno),
                "lower --jobs or raise the open-file limit (ulimit -n)");
  // Everything the child needs is built before fork: after it, only async-signal-safe calls.
  std::vector<std::string> owned;
  owned.push_back(program_.string());
  owned.insert(owned.end(), args_.begin(), args_.end());
  owned.insert(owned.end(), {"--channel-fd", std::to_string(kChildChannelFd)});
  std::vector<char*> argv;
  for (auto& a : owned) argv.push_back(a.data());
  argv.push_back(nullptr);
  // Stop requests reach a worker from its coordinator only, once: a process group of its own
  // keeps a terminal's Ctrl-C away, and both signals stay blocked from fork until the worker has
  // installed its handler (a request that comes while it starts then waits instead of killing it).
  // They are blocked here, before fork, so that the child never runs a moment without the block.
  sigset_t stops;
  sigemptyset(&stops);
  sigaddset(&stops, SIGINT);
  sigaddset(&stops, SIGTERM);
  sigset_t previous;
  ::pthread_sigmask(SIG_BLOCK, &stops, &previous);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid != 0) ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  if (pid < 0) {
    const int error = errno;
    ::close(ends[0]);
    ::close(ends[1]);
    throw Error(program_.string(), std::string("cannot start a worker: ") + std::strerror(error),
                "lower --jobs or free some memory");
  }
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);  // the coordinator died before prctl took effect
    ::setpgid(0, 0);
    if (ends[1] == kChildChannelFd) {
      ::fcntl(kChildChannelFd, F_SETFD, 0);  // keep it across exec
    } else if (::dup2(ends[1], kChildChannelFd) < 0) {
      ::_exit(127);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // as the child does: whichever runs first, the group exists before either goes on
  ::close(ends[1]);
  Worker worker;
  worker.pid = pid;
  worker.channel = std::make_unique<WorkerChannel>(ends[0]);
  workers_.push_back(std::move(worker));
  return workers_.back();
}

pid_t WorkerPool::submit(const std::string& run_id, const nlohmann::json& spec) {
  const nlohmann::json request = {{"run_id", run_id}, {"spec", spec}};
  for (std::size_t i = 0; i < workers_.size();) {
    Worker& worker = workers_[i];
    if (!worker.run_id.empty()) {
      ++i;
      continue;
    }
    if (worker.channel->send(request)) {
      worker.run_id = run_id;
      return worker.pid;
    }
    // An idle worker that has ended since its last run (it was interrupted): replace it.
    ::close(worker.channel->fd());
    end_of(worker.pid);
    workers_.erase(workers_.begin() + static_cast<std::ptrdiff_t>(i));
  }
  Worker& fresh = start();
  fresh.run_id = run_id;
  // A failed send means the new worker is already gone: wait_one() reads the end of its channel
  // and reports how it ended.
  fresh.channel->send(request);
  return fresh.pid;
}

std::string WorkerPool::end_of(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return "the worker process ended";
  }
  if (WIFSIGNALED(status)) return "the worker process was killed by signal " + std::to_string(WTERMSIG(status));
  return "the worker process exited with code " + std::to_string(WEXITSTATUS(status)) +
         " without writing its bundle";
}

WorkerPool::Finished WorkerPool::wait_one() {
  for (;;) {
    std::vector<pollfd> polled;
    std::vector<std::size_t> which;
    for (std::size_t i = 0; i < workers_.size(); ++i) {
      if (workers_[i].run_id.empty()) continue;
      polled.push_back({workers_[i].channel->fd(), POLLIN, 0});
      which.push_back(i);
    }
    if (polled.empty()) throw Error("worker pool", "waited with no run handed out", "report this as a bug");
    if (::poll(polled.data(), polled.size(), -1) < 0) {
      if (errno == EINTR) continue;
      throw Error("worker pool", std::string("cannot wait for workers: ") + std::strerror(errno),
                  "run the sweep again");
    }
    for (std::size_t k = 0; k < polled.size(); ++k) {
      if (polled[k].revents == 0) continue;
      Worker& worker = workers_[which[k]];
      std::optional<nlohmann::json> reply = worker.channel->read_some();
      Finished finished;
      finished.run_id = worker.run_id;
      if (reply) {
        worker.run_id.clear();
        finished.reply = std::move(*reply);
        return finished;
      }
      if (!worker.channel->closed()) continue;  // part of a line so far
      ::close(worker.channel->fd());
      finished.lost_reason = end_of(worker.pid);
      workers_.erase(workers_.begin() + static_cast<std::ptrdiff_t>(which[k]));
      return finished;
    }
  }
}

}  // namespace eorun
