#include "exec/sweep_planner.hpp"

#include <algorithm>
#include <set>
#include <thread>

#include "spec/error_list.hpp"
#include "sweep/sweep_plan.hpp"
#include "sweep/sweep_program.hpp"
#include "util/sha256.hpp"

namespace eorun {

PlannedSweep plan_sweep(const std::filesystem::path& script, const SweepPlanOptions& options,
                        const Catalogue& catalogue, FileHashCache& hash_cache) {
  SweepProgram program(script, options.data_roots);
  const std::int64_t cores = std::max(1u, std::thread::hardware_concurrency());
  const std::int64_t threads_per_run = std::max<std::int64_t>(1, cores / std::max(1, options.jobs));
  auto resolve = [&](const nlohmann::json& user_spec) {
    nlohmann::json spec = user_spec;
    if (!spec.is_object()) spec = nlohmann::json::object();
    nlohmann::json& train = spec["train"];
    if (!train.is_object()) train = nlohmann::json::object();
    if (!train.contains("threads") || train.at("threads") == 0) train["threads"] = threads_per_run;
    return resolve_run_spec(spec, catalogue).json;
  };
  SweepPlan plan = expand_sweep(program, options.overrides, resolve);

  PlannedSweep sweep;
  sweep.name = plan.name;
  sweep.script_path = std::filesystem::absolute(script);
  sweep.script_text = program.text();
  sweep.script_sha256 = program.sha256();
  for (const auto& [key, value] : options.overrides) sweep.overrides[key] = value;
  sweep.filtered_out = plan.filtered_out;

  PreparedDataCache data_cache;
  std::set<std::string> seen;
  Sha256 id;
  id.update(sweep.script_sha256).update("\n").update(sweep.overrides.dump()).update("\n");
  for (PlannedRun& planned : plan.runs) {
    SweepRun run;
    run.position = planned.index;
    run.assignment = planned.assignment;
    try {
      run.prepared = prepare_run(planned.spec, catalogue, hash_cache, &data_cache);
    } catch (const Error&) {
      rethrow_with_context(describe_planned_run(planned.index, planned.assignment));
    }
    if (!seen.insert(run.prepared.run_id).second) {
      ++sweep.duplicates;
      continue;
    }
    id.update(run.prepared.run_id).update("\n");
    sweep.runs.push_back(std::move(run));
  }
  sweep.sweep_id = id.hex_digest();
  return sweep;
}

}  // namespace eorun
