#include "exec/slurm/slurm_sweep.hpp"

#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "eorun/error.hpp"
#include "exec/bundle.hpp"
#include "exec/slurm/slurm_commands.hpp"
#include "exec/slurm/slurm_plan.hpp"
#include "registry/registry.hpp"
#include "util/atomic_file.hpp"
#include "util/file_lock.hpp"
#include "util/text_table.hpp"

namespace eorun {

namespace {

// A job array of this sweep, submitted by this command or an earlier one.
struct Submission {
  std::filesystem::path dir;
  SlurmPlan plan;
  std::string job_id;  // empty: sbatch never returned one (the submission did not happen)
};

std::filesystem::path job_file(const std::filesystem::path& dir) { return dir / "job_id"; }
std::filesystem::path lost_marker(const std::filesystem::path& dir, std::size_t index) {
  return dir / "lost" / std::to_string(index);
}

std::string read_first_line(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// The submissions of `sweep_id` in the runs folder, oldest first, each with its job id (found by the
// job's name when the command that submitted it died before writing it down).
std::vector<Submission> submissions_of(const std::filesystem::path& runs_dir, const std::string& sweep_id) {
  std::vector<Submission> found;
  const std::filesystem::path root = runs_dir / ".slurm";
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec)) return found;
  std::vector<std::filesystem::path> dirs;
  for (const auto& entry : std::filesystem::directory_iterator(root, ec))
    if (entry.is_directory()) dirs.push_back(entry.path());
  std::sort(dirs.begin(), dirs.end());
  for (const std::filesystem::path& dir : dirs) {
    Submission submission;
    submission.dir = dir;
    try {
      submission.plan = read_slurm_plan(dir);
    } catch (const Error&) {
      continue;  // not a plan this eorun can read
    }
    if (submission.plan.sweep_id != sweep_id) continue;
    submission.job_id = read_first_line(job_file(dir));
    if (submission.job_id.empty()) {
      const std::vector<std::string> jobs = jobs_named(submission.plan.job_name);
      if (jobs.size() == 1) {
        submission.job_id = jobs.front();
        write_file_atomically(job_file(dir), submission.job_id + "\n");
      }
    }
    found.push_back(std::move(submission));
  }
  return found;
}

std::string next_submission_name(const std::filesystem::path& runs_dir, const std::string& sweep_id) {
  for (int n = 1;; ++n) {
    const std::string name = sweep_id.substr(0, 12) + "-" + std::to_string(n);
    std::error_code ec;
    if (!std::filesystem::exists(submission_dir(runs_dir, name), ec)) return name;
  }
}

class SlurmSweep {
 public:
  SlurmSweep(const PlannedSweep& sweep, Registry& registry, const SlurmSweepSettings& settings, std::ostream& log)
      : sweep_(sweep), registry_(registry), settings_(settings), log_(log) {}

  SweepOutcome run() {
    const std::vector<std::optional<RunStatus>> statuses = plan_statuses(sweep_, registry_);
    outcome_.planned = sweep_.runs.size();
    for (std::size_t i = 0; i < sweep_.runs.size(); ++i) {
      const SweepRun& run = sweep_.runs[i];
      by_id_[run.prepared.run_id] = &run;
      if (statuses[i] == RunStatus::completed) {
        ++outcome_.cached;
        cached_.insert(run.prepared.run_id);
        ended_[run.prepared.run_id] = RunStatus::completed;
      }
    }
    for (const SweepRun& run : sweep_.runs)
      if (!ended_.count(run.prepared.run_id) && !run.data_error.empty())
        finish(run.prepared.run_id, record_without_bundle(run, run.data_error), {});

    // Take over what earlier commands submitted: the latest submission of each run decides.
    submissions_ = submissions_of(settings_.runs_dir, sweep_.sweep_id);
    std::map<std::string, std::pair<std::size_t, std::size_t>> latest;  // run id -> (submission, index)
    for (std::size_t s = 0; s < submissions_.size(); ++s)
      for (std::size_t i = 0; i < submissions_[s].plan.runs.size(); ++i)
        latest[submissions_[s].plan.runs[i].run_id] = {s, i};
    for (const auto& [run_id, where] : latest) {
      if (ended_.count(run_id) || !by_id_.count(run_id)) continue;
      look_at(where.first, where.second, /*taking_over=*/true);
    }

    while (true) {
      if (!stopping()) submit_ready();
      if (settings_.detach || active_.empty() || stopping()) break;
      wait_a_moment();
      queue_cache_.clear();
      const std::vector<std::pair<std::size_t, std::size_t>> watching(active_.begin(), active_.end());
      for (const auto& [submission, index] : watching) look_at(submission, index, /*taking_over=*/false);
    }
    // How each run stands now: a task lost and then retried here counts by its retry.
    outcome_.completed = outcome_.failed = outcome_.interrupted = outcome_.not_started = 0;
    for (const auto& [run_id, status] : ended_) {
      if (cached_.count(run_id)) continue;
      if (status == RunStatus::completed) ++outcome_.completed;
      if (status == RunStatus::failed) ++outcome_.failed;
      if (status == RunStatus::interrupted) ++outcome_.interrupted;
    }
    for (const SweepRun& run : sweep_.runs)
      if (!ended_.count(run.prepared.run_id) && !blocked_.count(run.prepared.run_id))
        ++outcome_.not_started;
    if (!active_.empty()) {
      log_ << "sweep " << sweep_.name << ": " << active_.size()
           << " run(s) still queued or running on Slurm; run the same command again to ingest them\n";
      queue_cache_.clear();
      for (const auto& [submission, index] : active_) {
        const auto& tasks = queued(submission);
        const auto task = tasks.find(index);
        log_ << "  " << submissions_[submission].plan.runs[index].run_id.substr(0, 12) << "  Slurm task "
             << submissions_[submission].job_id << "_" << index << "  "
             << (task == tasks.end() ? std::string("ending") : task->second.state + " (" + task->second.reason + ")")
             << "\n";
      }
    }
    return outcome_;
  }

 private:
  bool stopping() const { return settings_.stop_requested && settings_.stop_requested->load(); }

  bool is_active(const std::string& run_id) const {
    for (const auto& [s, i] : active_)
      if (submissions_[s].plan.runs[i].run_id == run_id) return true;
    return false;
  }

  void wait_a_moment() {
    const auto until = std::chrono::steady_clock::now() + settings_.poll_interval;
    while (std::chrono::steady_clock::now() < until && !stopping())
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }

  const std::map<std::size_t, QueuedTask>& queued(std::size_t submission) {
    auto it = queue_cache_.find(submission);
    if (it == queue_cache_.end()) {
      const std::string& job = submissions_[submission].job_id;
      it = queue_cache_.emplace(submission, job.empty() ? std::map<std::size_t, QueuedTask>{} : queued_tasks(job))
               .first;
    }
    return it->second;
  }

  // Where the task of `run` at `index` of `submission` stands: answered (ingest), queued (watch),
  // or gone without an answer (record it failed with Slurm's reason; a command that takes over
  // submits it again).
  void look_at(std::size_t submission, std::size_t index, bool taking_over) {
    const Submission& sub = submissions_[submission];
    const std::string& run_id = sub.plan.runs[index].run_id;
    const auto key = std::make_pair(submission, index);
    if (const std::optional<nlohmann::json> answer = read_task_answer(sub.dir, index)) {
      active_.erase(key);
      const std::filesystem::path bundle = settings_.runs_dir / run_id;
      std::error_code ec;
      if (answer->value("bundle", false) && std::filesystem::exists(bundle / kRecordFile, ec))
        finish(run_id, RunRecord::from_json(read_bundle_record(bundle)), bundle);
      else
        finish(run_id, record_without_bundle(*by_id_.at(run_id), answer->value("reason", "the task wrote no bundle")),
               {});
      return;
    }
    if (queued(submission).count(index)) {
      active_.insert(key);
      return;
    }
    active_.erase(key);
    if (sub.job_id.empty()) return;  // never submitted: it is simply still to do
    std::error_code ec;
    if (!std::filesystem::exists(lost_marker(sub.dir, index), ec)) {
      const std::string reason = lost_reason(sub, index);
      finish(run_id, record_without_bundle(*by_id_.at(run_id), reason), {});
      write_file_atomically(lost_marker(sub.dir, index), reason + "\n");
    }
    if (taking_over) ended_.erase(run_id);  // an earlier command recorded it failed: submit it again
  }

  // Why a task left the queue without an answer: what Slurm says, and what its log's last line says;
  // a task Slurm saw end that left no log where it was told to write means that the compute node
  // does not see the runs folder.
  static std::string lost_reason(const Submission& sub, std::size_t index) {
    const std::string task = sub.job_id + "_" + std::to_string(index);
    const std::optional<std::string> end = task_end_state(sub.job_id, index);
    if (!end) return "Slurm task " + task + " left the queue without a bundle; Slurm no longer knows it (cancelled "
                     "while pending, or its node was lost)";
    const std::filesystem::path log = sub.dir / (task + ".log");
    std::ifstream in(log);
    if (!in)
      return "Slurm task " + task + " ended without a bundle (" + *end + ") and left no log in " + sub.dir.string() +
             ": the runs folder must be on a file system the compute nodes share ([paths] runs in eorun.toml)";
    std::string line, last;
    while (std::getline(in, line))
      if (!line.empty()) last = line;
    return "Slurm task " + task + " ended without a bundle (" + *end + "); its log " + log.string() +
           (last.empty() ? std::string(" is empty") : " ends: " + last);
  }

  // Submits every run still to do whose parent (when the sweep trains it too) completed.
  void submit_ready() {
    std::vector<const SweepRun*> ready;
    for (const SweepRun& run : sweep_.runs) {
      const std::string& id = run.prepared.run_id;
      if (ended_.count(id) || is_active(id) || blocked_.count(id) || submitted_here_.count(id)) continue;
      const std::string& parent = run.prepared.spec.pretrained_run;
      if (!parent.empty() && by_id_.count(parent)) {
        const auto parent_end = ended_.find(parent);
        if (parent_end == ended_.end()) continue;  // the parent is still to finish
        if (parent_end->second != RunStatus::completed) {
          blocked_.insert(id);
          ++outcome_.blocked;
          log_ << "  " << id.substr(0, 12) << " not submitted: its parent " << parent.substr(0, 12)
               << " did not complete\n";
          continue;
        }
      }
      ready.push_back(&run);
    }
    if (ready.empty()) return;
    const std::string name = next_submission_name(settings_.runs_dir, sweep_.sweep_id);
    Submission submission;
    submission.dir = submission_dir(settings_.runs_dir, name);
    submission.plan.sweep_id = sweep_.sweep_id;
    submission.plan.job_name = "eorun-" + name;
    for (const SweepRun* run : ready)
      submission.plan.runs.push_back({run->prepared.run_id, run->prepared.spec.with_runtime_keys()});
    write_slurm_plan(submission.dir, submission.plan);  // before sbatch: a crash leaves a findable job
    SlurmArray array;
    array.job_name = submission.plan.job_name;
    array.tasks = ready.size();
    array.submission_dir = submission.dir;
    array.engine = settings_.engine;
    array.engine_args = settings_.engine_args;
    array.runs_dir = settings_.runs_dir;
    array.cache_dir = settings_.cache_dir;
    SbatchCall call = make_sbatch_call(settings_.options, array);
    try {
      submission.job_id = submit_job_array(call);
    } catch (...) {
      std::error_code ec;
      std::filesystem::remove_all(submission.dir, ec);  // refused: nothing was submitted
      throw;
    }
    write_file_atomically(job_file(submission.dir), submission.job_id + "\n");
    submissions_.push_back(submission);
    for (std::size_t i = 0; i < ready.size(); ++i) {
      active_.insert({submissions_.size() - 1, i});
      submitted_here_.insert(ready[i]->prepared.run_id);
    }
    log_ << "submitted " << ready.size() << " run(s) as Slurm job array " << submission.job_id << " ("
         << submission.plan.job_name << ")\n"
         << std::flush;
  }

  void finish(const std::string& run_id, const RunRecord& record, const std::filesystem::path& bundle) {
    registry_.ingest(record);
    if (!bundle.empty()) mark_ingested(bundle);
    ended_[run_id] = record.status;
    switch (record.status) {
      case RunStatus::completed: ++outcome_.completed; break;
      case RunStatus::interrupted: ++outcome_.interrupted; break;
      case RunStatus::failed: ++outcome_.failed; break;
    }
    ++finished_;
    log_ << "[" << finished_ << "] " << run_id.substr(0, 12) << " " << to_string(record.status);
    if (record.best)
      log_ << "  val " << record.best->metric << " " << format_number(record.best->value);
    else if (record.status != RunStatus::completed)
      log_ << "  (" << record.reason << ")";
    log_ << "  | done " << outcome_.completed << ", cached " << outcome_.cached << ", failed " << outcome_.failed
         << ", on Slurm " << active_.size() << "\n"
         << std::flush;
  }

  const PlannedSweep& sweep_;
  Registry& registry_;
  const SlurmSweepSettings& settings_;
  std::ostream& log_;
  SweepOutcome outcome_;
  std::map<std::string, const SweepRun*> by_id_;
  std::map<std::string, RunStatus> ended_;  // how each run ended (in the registry before, or here)
  std::set<std::string> blocked_;
  std::set<std::string> cached_;  // completed before this command
  std::size_t finished_ = 0;       // runs ingested by this command
  std::set<std::string> submitted_here_;
  std::vector<Submission> submissions_;
  std::set<std::pair<std::size_t, std::size_t>> active_;  // (submission, index) queued or running
  std::map<std::size_t, std::map<std::size_t, QueuedTask>> queue_cache_;  // one squeue per round
};

}  // namespace

SweepOutcome execute_slurm_sweep(const PlannedSweep& sweep, Registry& registry, const SlurmSweepSettings& settings,
                                 std::ostream& log) {
  // One coordinator per sweep at a time: two would both submit what is still to do. The lock goes
  // with the process, so a coordinator killed with -9 never keeps the next one out.
  const std::filesystem::path lock_file = settings.runs_dir / ".slurm" / (sweep.sweep_id.substr(0, 12) + ".lock");
  std::error_code ec;
  std::filesystem::create_directories(lock_file.parent_path(), ec);
  const std::optional<FileLock> lock = FileLock::try_lock(lock_file, FileLock::Mode::exclusive);
  if (!lock)
    throw Error("sweep " + sweep.name, "another eorun process is coordinating it on Slurm right now",
                "wait for it to end, or stop it (Ctrl-C; its tasks go on) and run this command again");
  return SlurmSweep(sweep, registry, settings, log).run();
}

}  // namespace eorun
