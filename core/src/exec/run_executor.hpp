// One run, end to end on this process: prepare it (exec/run_preparation.hpp), then execute it
// (statistics, model, training) into an atomically written bundle.
#pragma once

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "exec/run_preparation.hpp"
#include "registry/run_record.hpp"
#include "train/trainer.hpp"

namespace eorun {

struct ExecutionSettings {
  std::filesystem::path runs_dir;
  std::filesystem::path cache_dir;
  int loader_threads = 0;  // 0: as many as train.threads (does not change results)
  bool show_progress = true;
  const std::atomic<bool>* stop_requested = nullptr;
  std::optional<double> grid_intensity;  // [energy] grid_intensity (g CO2-eq/kWh); none: no co2_g
};

struct ExecutedRun {
  RunStatus status = RunStatus::failed;
  RunRecord record;  // as written to record.json
  std::filesystem::path bundle_dir;
};

// Trains the prepared run and writes its bundle. A run that goes wrong (unreadable sample, NaN loss,
// interrupted) is still written, with its status and reason; only a failure to write the bundle
// itself throws.
ExecutedRun execute_run(const PreparedRun& run, const Catalogue& catalogue,
                        const ExecutionSettings& settings);

}  // namespace eorun
