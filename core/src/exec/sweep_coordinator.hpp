// Running a planned sweep: skip what is completed, claim the rest run by run (a lease with a
// heartbeat, so two coordinators on one registry never run the same run and a dead one's claims
// expire), train in this process or in N worker processes, and ingest every bundle here: the
// coordinator is the only writer of the registry.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "exec/sweep_planner.hpp"
#include "registry/run_record.hpp"
#include "registry/run_status.hpp"

namespace eorun {

class Registry;

struct SweepSettings {
  int jobs = 1;
  std::filesystem::path runs_dir;
  std::filesystem::path cache_dir;
  std::filesystem::path registry_path;  // the heartbeat opens its own connection
  std::filesystem::path engine;         // the eorun-engine that workers run
  std::vector<std::string> engine_args;  // global options for workers (--plugin-path ...)
  double lease_seconds = 60;
  bool show_progress = true;
  const std::atomic<bool>* stop_requested = nullptr;
  std::optional<double> grid_intensity;  // [energy] grid_intensity, for every run's co2_g
};

struct SweepOutcome {
  std::size_t planned = 0;
  std::size_t cached = 0;             // already completed before this command
  std::size_t completed = 0;
  std::size_t failed = 0;
  std::size_t interrupted = 0;
  std::size_t claimed_elsewhere = 0;  // running in another eorun process
  std::size_t not_started = 0;        // left when interrupted
  std::size_t blocked = 0;            // not started: their parent run did not complete
};

// Status of each run of the plan as the registry has it; nullopt for a run never recorded.
std::vector<std::optional<RunStatus>> plan_statuses(const PlannedSweep& sweep, const Registry& registry);

// The record of a run that ended without a bundle: its worker or Slurm task died, or its dataset
// could not be opened. Recorded as failed with `reason`.
RunRecord record_without_bundle(const SweepRun& run, const std::string& reason);

// Records the sweep (script, plan, run ids) in the registry.
void record_sweep(const PlannedSweep& sweep, Registry& registry);

SweepOutcome execute_sweep(const PlannedSweep& sweep, Registry& registry, const Catalogue& catalogue,
                           const SweepSettings& settings, std::ostream& log);

}  // namespace eorun
