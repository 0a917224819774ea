#include "exec/sweep_coordinator.hpp"

#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "exec/bundle.hpp"
#include "exec/worker_pool.hpp"
#include "registry/registry.hpp"
#include "util/local_process.hpp"
#include "util/text_table.hpp"

namespace eorun {

namespace {

using Clock = std::chrono::steady_clock;

// hostname:pid:nonce, unique among the processes that share a registry.
std::string make_owner() {
  std::random_device device;  // not a run's randomness: only tells coordinators apart
  return this_process(':') + ":" + std::to_string(device());
}

// Whether the coordinator that holds a claim still runs: only a process on this host can be
// checked; one on another host is taken to be alive until its lease ends.
bool claim_holder_alive(const std::string& holder) {
  const auto first = holder.find(':');
  const auto second = first == std::string::npos ? std::string::npos : holder.find(':', first + 1);
  if (second == std::string::npos) return true;
  return !process_gone(holder.substr(0, first), holder.substr(first + 1, second - first - 1));
}

// Renews this coordinator's claims every lease/3 on its own connection, and forwards a stop
// request to the workers (each in a process group of its own, out of the terminal's reach).
class Heartbeat {
 public:
  Heartbeat(const SweepSettings& settings, std::string owner)
      : settings_(settings), owner_(std::move(owner)), thread_([this] { loop(); }) {}
  ~Heartbeat() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  void set_workers(std::vector<pid_t> pids) {
    std::lock_guard<std::mutex> lock(mutex_);
    workers_ = std::move(pids);
  }

 private:
  void loop() {
    Registry registry = Registry::open(settings_.registry_path);
    const auto renew_every = std::chrono::duration<double>(settings_.lease_seconds / 3);
    auto next_renewal = Clock::now() + std::chrono::duration_cast<Clock::duration>(renew_every);
    std::set<pid_t> told_to_stop;  // each worker is told once: a second SIGINT would kill it
    std::unique_lock<std::mutex> lock(mutex_);
    while (!done_) {
      wake_.wait_for(lock, std::chrono::milliseconds(250));
      if (done_) break;
      if (settings_.stop_requested && settings_.stop_requested->load())
        for (pid_t pid : workers_)
          if (told_to_stop.insert(pid).second) ::kill(pid, SIGINT);
      if (Clock::now() >= next_renewal) {
        lock.unlock();
        try {
          registry.renew_claims(owner_, settings_.lease_seconds);
        } catch (const std::exception&) {
          // A missed renewal is retried; the lease is three renewals long.
        }
        lock.lock();
        next_renewal = Clock::now() + std::chrono::duration_cast<Clock::duration>(renew_every);
      }
    }
  }

  const SweepSettings& settings_;
  std::string owner_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::vector<pid_t> workers_;
  std::thread thread_;
};

// A double as text that reads back as the same double.
std::string exact_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

std::string format_duration(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  if (s < 60) return std::to_string(s) + "s";
  if (s < 3600) return std::to_string(s / 60) + "m" + std::to_string(s % 60) + "s";
  return std::to_string(s / 3600) + "h" + std::to_string((s % 3600) / 60) + "m";
}

class Coordinator {
 public:
  Coordinator(const PlannedSweep& sweep, Registry& registry, const Catalogue& catalogue,
              const SweepSettings& settings, std::ostream& log)
      : sweep_(sweep), registry_(registry), catalogue_(catalogue), settings_(settings), log_(log),
        owner_(make_owner()), started_(Clock::now()) {}

  SweepOutcome run() {
    const std::vector<std::optional<RunStatus>> statuses = plan_statuses(sweep_, registry_);
    outcome_.planned = sweep_.runs.size();
    std::vector<const SweepRun*> queue;
    for (std::size_t i = 0; i < sweep_.runs.size(); ++i) {
      in_plan_.insert(sweep_.runs[i].prepared.run_id);
      if (statuses[i] == RunStatus::completed) {
        ++outcome_.cached;
        ended_[sweep_.runs[i].prepared.run_id] = RunStatus::completed;
      } else {
        queue.push_back(&sweep_.runs[i]);
      }
    }
    to_run_ = queue.size();
    Heartbeat heartbeat(settings_, owner_);
    std::unique_ptr<WorkerPool> pool;
    if (settings_.jobs > 1) pool = std::make_unique<WorkerPool>(settings_.engine, worker_args(), settings_.jobs);
    std::map<std::string, Handed> handed;  // by run id
    // The heartbeat always holds the living workers: a reaped worker's pid may be reused.
    auto collect_one = [&] {
      collect(*pool, handed);
      heartbeat.set_workers(pool->pids());
    };
    for (const SweepRun* run : queue) {
      while (pool && pool->full() && !stopping()) collect_one();
      // A child starts once its parent (planned in this sweep) completed; never after it failed.
      const std::string& parent = run->prepared.spec.pretrained_run;
      if (!parent.empty() && in_plan_.count(parent) != 0) {
        while (pool && handed.count(parent) != 0 && !stopping()) collect_one();
        if (!stopping() && ended_[parent] != RunStatus::completed) {
          ++outcome_.blocked;
          log_ << "  " << run->prepared.run_id.substr(0, 12) << " not started: its parent "
               << parent.substr(0, 12) << " did not complete\n";
          continue;
        }
      }
      if (stopping()) {
        ++outcome_.not_started;
        continue;
      }
      if (!registry_.try_claim(run->prepared.run_id, owner_, settings_.lease_seconds, claim_holder_alive)) {
        ++outcome_.claimed_elsewhere;
        log_ << "  " << run->prepared.run_id.substr(0, 12) << " claimed by another eorun process; skipped\n";
        continue;
      }
      if (!run->data_error.empty()) {
        finish(*run, record_without_bundle(*run, run->data_error), {});
        continue;
      }
      if (!pool) {
        run_in_process(*run);
        continue;
      }
      hand_out(*run, *pool, handed);
      heartbeat.set_workers(pool->pids());
    }
    while (pool && pool->busy() > 0) collect_one();
    return outcome_;
  }

 private:
  struct Handed {
    const SweepRun* run;
    std::filesystem::file_time_type at;
  };

  bool stopping() const { return settings_.stop_requested && settings_.stop_requested->load(); }

  std::vector<std::string> worker_args() const {
    std::vector<std::string> args = settings_.engine_args;
    args.insert(args.end(), {"worker", "--runs-dir", settings_.runs_dir.string(), "--cache-dir",
                             settings_.cache_dir.string()});
    if (settings_.grid_intensity)
      args.insert(args.end(), {"--grid-intensity", exact_text(*settings_.grid_intensity)});
    return args;
  }

  void run_in_process(const SweepRun& run) {
    ExecutionSettings exec;
    exec.runs_dir = settings_.runs_dir;
    exec.cache_dir = settings_.cache_dir;
    exec.show_progress = settings_.show_progress;
    exec.stop_requested = settings_.stop_requested;
    exec.grid_intensity = settings_.grid_intensity;
    ExecutedRun executed = execute_run(run.prepared, catalogue_, exec);
    finish(run, executed.record, executed.bundle_dir);
  }

  void hand_out(const SweepRun& run, WorkerPool& pool, std::map<std::string, Handed>& handed) {
    const auto at = std::filesystem::file_time_type::clock::now();
    const pid_t pid = pool.submit(run.prepared.run_id, run.prepared.spec.with_runtime_keys());
    handed[run.prepared.run_id] = Handed{&run, at};
    log_ << "  " << run.prepared.run_id.substr(0, 12) << " started in worker process " << pid << "\n"
         << std::flush;
  }

  void collect(WorkerPool& pool, std::map<std::string, Handed>& handed) {
    WorkerPool::Finished finished = pool.wait_one();
    auto it = handed.find(finished.run_id);
    if (it == handed.end()) return;
    const Handed entry = it->second;
    handed.erase(it);
    const SweepRun& run = *entry.run;
    const std::filesystem::path bundle = settings_.runs_dir / run.prepared.run_id;
    if (finished.reply.is_object() && !finished.reply.value("bundle", false)) {
      finish(run, record_without_bundle(run, finished.reply.value("reason", "the worker wrote no bundle")), {});
      return;
    }
    // A worker that died may still have committed the bundle just before: it is complete then.
    std::error_code ec;
    const std::filesystem::path record_file = bundle / kRecordFile;
    const bool wrote_bundle = std::filesystem::exists(record_file, ec) &&
                              std::filesystem::last_write_time(record_file, ec) >= entry.at;
    if (wrote_bundle)
      finish(run, RunRecord::from_json(read_bundle_record(bundle)), bundle);
    else
      finish(run, record_without_bundle(run, finished.lost_reason), {});
  }

  // `record` is the run's bundle as its worker wrote it (this eorun), or a lost worker's record.
  void finish(const SweepRun& run, const RunRecord& record, const std::filesystem::path& bundle) {
    registry_.ingest(record);
    if (!bundle.empty()) mark_ingested(bundle);
    registry_.release_claim(run.prepared.run_id, owner_);
    ended_[run.prepared.run_id] = record.status;
    switch (record.status) {
      case RunStatus::completed: ++outcome_.completed; break;
      case RunStatus::interrupted: ++outcome_.interrupted; break;
      case RunStatus::failed: ++outcome_.failed; break;
    }
    ++finished_;
    const double elapsed = std::chrono::duration<double>(Clock::now() - started_).count();
    const std::size_t remaining = to_run_ - finished_ - outcome_.claimed_elsewhere - outcome_.blocked;
    log_ << "[" << finished_ << "/" << to_run_ << "] " << run.prepared.run_id.substr(0, 12) << " "
         << to_string(record.status);
    if (record.best)
      log_ << "  val " << record.best->metric << " " << format_number(record.best->value);
    else if (record.status != RunStatus::completed)
      log_ << "  (" << record.reason << ")";
    log_ << "  | done " << outcome_.completed << ", cached " << outcome_.cached << ", failed "
         << outcome_.failed << ", remaining " << remaining;
    if (remaining > 0 && finished_ > 0)
      log_ << ", ETA " << format_duration(elapsed / static_cast<double>(finished_) * static_cast<double>(remaining));
    log_ << "\n" << std::flush;
  }

  const PlannedSweep& sweep_;
  Registry& registry_;
  const Catalogue& catalogue_;
  const SweepSettings& settings_;
  std::ostream& log_;
  std::string owner_;
  Clock::time_point started_;
  SweepOutcome outcome_;
  std::set<std::string> in_plan_;                // run ids of the plan
  std::map<std::string, std::optional<RunStatus>> ended_;  // how each run of the plan ended here
  std::size_t to_run_ = 0;
  std::size_t finished_ = 0;
};

}  // namespace

RunRecord record_without_bundle(const SweepRun& run, const std::string& reason) {
  RunRecord record;
  record.run_id = run.prepared.run_id;
  record.status = RunStatus::failed;
  record.reason = reason;
  record.spec = run.prepared.spec.json;
  record.identity = run.prepared.identity;
  record.seed = run.prepared.spec.train.seed;
  record.threads = run.prepared.spec.train.threads;
  return record;
}

std::vector<std::optional<RunStatus>> plan_statuses(const PlannedSweep& sweep, const Registry& registry) {
  std::vector<std::string> ids;
  for (const SweepRun& run : sweep.runs) ids.push_back(run.prepared.run_id);
  const std::map<std::string, RunStatus> known = registry.run_statuses(ids);
  std::vector<std::optional<RunStatus>> out;
  for (const std::string& id : ids) {
    auto it = known.find(id);
    out.push_back(it == known.end() ? std::nullopt : std::optional<RunStatus>(it->second));
  }
  return out;
}

void record_sweep(const PlannedSweep& sweep, Registry& registry) {
  SweepRecord record;
  record.sweep_id = sweep.sweep_id;
  record.name = sweep.name;
  record.script_path = sweep.script_path.string();
  record.script_text = sweep.script_text;
  record.script_sha256 = sweep.script_sha256;
  record.overrides = sweep.overrides;
  for (const SweepRun& run : sweep.runs)
    record.runs.push_back({run.position, run.prepared.run_id, run.assignment});
  registry.record_sweep(record);
}

SweepOutcome execute_sweep(const PlannedSweep& sweep, Registry& registry, const Catalogue& catalogue,
                           const SweepSettings& settings, std::ostream& log) {
  return Coordinator(sweep, registry, catalogue, settings, log).run();
}

}  // namespace eorun
