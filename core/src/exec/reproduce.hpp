// Re-executing a recorded run and comparing the result bit for bit: the final weights hash and
// the per-epoch weights hash chain.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "exec/run_executor.hpp"

namespace eorun {

struct IdentityChange {
  std::string part;  // "plugin model", "data", "build", "spec"
  std::string recorded;
  std::string now;
};

struct EpochDivergence {
  int epoch = 0;
  std::string recorded_weights_sha256, reproduced_weights_sha256;
  double recorded_train_loss = 0, reproduced_train_loss = 0;
  std::string metric;  // the selection metric
  std::optional<double> recorded_metric, reproduced_metric;
};

struct ReproduceReport {
  std::string run_id;
  std::vector<IdentityChange> identity_changes;  // empty when the identity is the same
  RunStatus reproduced_status = RunStatus::completed;
  std::string reproduced_reason;
  bool identical = false;  // final weights and every epoch's chain hash equal
  std::size_t epochs_compared = 0;
  std::optional<EpochDivergence> first_divergence;
  std::string recorded_final_sha256, reproduced_final_sha256;
};

// Re-runs `record` (a completed run's record) with the recorded spec, in a scratch folder under
// `settings.runs_dir` that is removed afterwards; nothing is written to the registry.
ReproduceReport reproduce_run(const RunRecord& record, const Catalogue& catalogue,
                              FileHashCache& hash_cache, const ExecutionSettings& settings);

}  // namespace eorun
