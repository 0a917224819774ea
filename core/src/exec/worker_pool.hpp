// The worker processes of a sweep: long-lived `eorun-engine worker` children, each loading LibTorch,
// the plugins and the data once and then training the runs it is handed one after another (start-up
// is paid once per worker, not once per run). Workers write bundles and never touch the registry.
// A worker dies with its coordinator (PR_SET_PDEATHSIG), so a killed coordinator leaves no orphan
// training behind; a worker that dies is replaced at the next run handed out.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace eorun {

class WorkerChannel;

class WorkerPool {
 public:
  // `program` with `args` (argv[1..]) plus `--channel-fd N` makes one worker; at most `size` run at once.
  WorkerPool(std::filesystem::path program, std::vector<std::string> args, std::size_t size);
  // Closes every channel (an idle worker then exits) and waits for the workers to end.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  std::size_t busy() const;
  bool full() const { return busy() >= size_; }

  // Hands the run to an idle worker, starting one when none is idle, and returns the worker's pid.
  // Throws eorun::Error when no worker can be started.
  pid_t submit(const std::string& run_id, const nlohmann::json& spec);

  struct Finished {
    std::string run_id;
    nlohmann::json reply;  // the worker's answer; null when the worker died instead
    std::string lost_reason;  // how it died (when reply is null)
  };
  // Waits until a busy worker answers or dies. Call only while busy() > 0.
  Finished wait_one();

  // Every worker process alive now.
  std::vector<pid_t> pids() const;

 private:
  struct Worker {
    pid_t pid = -1;
    std::unique_ptr<WorkerChannel> channel;
    std::string run_id;  // empty while idle
  };

  Worker& start();
  static std::string end_of(pid_t pid);

  std::filesystem::path program_;
  std::vector<std::string> args_;
  std::size_t size_;
  std::vector<Worker> workers_;
};

}  // namespace eorun
