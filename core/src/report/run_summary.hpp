// One recorded run as the report shows it: its settings, metrics, learning curves, cost, parents,
// hashes and the command that reproduces it (JSON for the page's script).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "registry/run_record.hpp"

namespace eorun::report {

struct RunScores {
  std::optional<double> val;   // the compared metric on val (the ranking of `eorun query`)
  std::optional<double> test;  // and on test
};

// `keys`: the spec keys shown for each run (those that differ between the reported runs).
// `metric`: the compared metric, drawn per epoch on val. `registry`: the registry the run is in,
// named in the command that reproduces it.
nlohmann::json run_summary(const RunRecord& record, const RunScores& scores,
                           const std::vector<std::string>& keys, const std::string& metric,
                           const std::string& registry);

// The best run's per-class values and (single-label) confusion matrix; null when the record has
// none.
nlohmann::json class_summary(const RunRecord& record);

}  // namespace eorun::report
