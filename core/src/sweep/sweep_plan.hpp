// Expanding a sweep into its runs: base + grid (cartesian) x zip (paired) x random samples,
// then derive, then filter. Deterministic: the same script, seed and overrides give the same
// runs in the same order. Nothing here knows any particular key.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sweep/sweep_program.hpp"

namespace eorun {

struct PlannedRun {
  std::size_t index = 0;      // position in the plan (before filtering)
  nlohmann::json assignment;  // the swept values, {"train.lr": 0.001, ...}
  nlohmann::json spec;        // the run's spec, resolved (defaults filled in) and derived
};

struct SweepPlan {
  std::string name;
  std::vector<PlannedRun> runs;
  std::size_t filtered_out = 0;
};

// Fills defaults and validates a run spec (throws eorun::Error/ErrorList naming bad keys).
using SpecResolver = std::function<nlohmann::json(const nlohmann::json& user_spec)>;

// A `--set key=value` override: the value is read as JSON when it parses (1e-3, true, "x",
// ["a","b"]), else taken as a plain string.
std::pair<std::string, nlohmann::json> parse_override(const std::string& assignment);

// Several `--set key=value` assignments as one object (a later key wins), the keys undotted.
nlohmann::json parse_overrides(const std::vector<std::string>& assignments);

// Sets `dotted` ("train.lr") inside `spec`, creating tables on the way.
void set_dotted(nlohmann::json& spec, const std::string& dotted, const nlohmann::json& value);

// "sweep run #4 (dataset.bands="ms", train.lr=0.001)": how messages name one run of a plan.
std::string describe_planned_run(std::size_t index, const nlohmann::json& assignment);

SweepPlan expand_sweep(SweepProgram& program,
                       const std::vector<std::pair<std::string, nlohmann::json>>& overrides,
                       const SpecResolver& resolve);

}  // namespace eorun
