#include "exec/sweep_planner.hpp"

#include <algorithm>
#include <set>
#include <thread>

#include "spec/error_list.hpp"
#include "sweep/sweep_plan.hpp"
#include "sweep/sweep_program.hpp"
#include "util/sha256.hpp"

namespace eorun {

namespace {

// Parents planned in this sweep (not trained yet) by full id; any other reference is looked up
// in the registry.
class PlannedParentRuns : public ParentRuns {
 public:
  explicit PlannedParentRuns(const std::filesystem::path& registry_path) : recorded_(registry_path) {}
  void add(const PreparedRun& run) {
    ParentRun parent;
    parent.run_id = run.run_id;
    parent.model_plugin = run.spec.model->name;
    const DatasetInfo& info = run.train->info();
    if (!info.inputs.empty()) parent.bands = info.inputs.front().bands;
    planned_.emplace(run.run_id, parent);
  }
  ParentRun find(const std::string& reference) const override {
    auto planned = planned_.find(reference);
    if (planned == planned_.end()) return recorded_.find(reference);
    try {
      return recorded_.find(reference);  // trained by an earlier invocation of the sweep
    } catch (const Error&) {
      return planned->second;  // checked again from its bundle once it has trained
    }
  }

 private:
  RecordedParentRuns recorded_;
  std::map<std::string, ParentRun> planned_;
};

bool is_run_marker(const nlohmann::json& value) {
  return value.is_object() && value.value("__eorun", "") == "run" && value.contains("spec");
}

// Plans the runs `run { ... }` defines, each once, parents before children, and writes their
// ids into the specs that name them as model.pretrained.
class ParentPlanner {
 public:
  ParentPlanner(const Catalogue& catalogue, FileHashCache& hash_cache, PreparedDataCache& data_cache,
                PlannedParentRuns& parents, std::int64_t threads_per_run)
      : catalogue_(catalogue), hash_cache_(hash_cache), data_cache_(data_cache), parents_(parents),
        threads_per_run_(threads_per_run) {}

  // `user_spec` with its threads filled in and its parent (if a marker) replaced by "run:<id>".
  nlohmann::json substitute(const nlohmann::json& user_spec) {
    nlohmann::json spec = user_spec.is_object() ? user_spec : nlohmann::json::object();
    nlohmann::json& train = spec["train"];
    if (!train.is_object()) train = nlohmann::json::object();
    if (!train.contains("threads") || train.at("threads") == 0) train["threads"] = threads_per_run_;
    auto model = spec.find("model");
    if (model != spec.end() && model->is_object()) {
      auto pretrained = model->find("pretrained");
      if (pretrained != model->end() && is_run_marker(*pretrained))
        *pretrained = "run:" + plan_parent(pretrained->at("spec"));
    }
    return spec;
  }

  std::vector<PreparedRun> take_parents() { return std::move(parents_in_order_); }

 private:
  std::string plan_parent(const nlohmann::json& user_spec) {
    const std::string key = user_spec.dump();
    auto known = ids_.find(key);
    if (known != ids_.end()) return known->second;
    if (!in_progress_.insert(key).second)
      throw Error("run { ... }", "a run is its own ancestor", "a parent cannot depend on its child");
    PreparedRun prepared;
    try {
      prepared = prepare_run(substitute(user_spec), catalogue_, hash_cache_, &data_cache_, &parents_);
    } catch (const Error&) {
      rethrow_with_context("parent run #" + std::to_string(parents_in_order_.size() + 1) +
                           " (run { ... } in the script)");
    }
    in_progress_.erase(key);
    parents_.add(prepared);
    ids_.emplace(key, prepared.run_id);
    const std::string id = prepared.run_id;
    parents_in_order_.push_back(std::move(prepared));
    return id;
  }

  const Catalogue& catalogue_;
  FileHashCache& hash_cache_;
  PreparedDataCache& data_cache_;
  PlannedParentRuns& parents_;
  std::int64_t threads_per_run_;
  std::map<std::string, std::string> ids_;  // by the parent's user spec
  std::set<std::string> in_progress_;
  std::vector<PreparedRun> parents_in_order_;
};

// A run whose dataset could not be opened: its resolved spec, and an identity made of the spec
// and the error (the data has no hash), so that the same failure is the same run.
PreparedRun unreadable_data_run(const nlohmann::json& spec, const Catalogue& catalogue,
                                const std::string& error) {
  PreparedRun run;
  run.spec = resolve_run_spec(spec, catalogue);
  run.identity = {{"spec", run.spec.json}, {"data_error", error}};
  run.run_id = sha256_hex(run.identity.dump());
  return run;
}

}  // namespace

PlannedSweep plan_sweep(const std::filesystem::path& script, const SweepPlanOptions& options,
                        const Catalogue& catalogue, FileHashCache& hash_cache) {
  SweepProgram program(script, options.data_roots);
  const std::int64_t cores = std::max(1u, std::thread::hardware_concurrency());
  const std::int64_t threads_per_run = std::max<std::int64_t>(1, cores / std::max(1, options.jobs));
  PreparedDataCache data_cache;
  PlannedParentRuns parents(options.registry_path);
  ParentPlanner parent_planner(catalogue, hash_cache, data_cache, parents, threads_per_run);
  auto resolve = [&](const nlohmann::json& user_spec) {
    return resolve_run_spec(parent_planner.substitute(user_spec), catalogue).with_runtime_keys();
  };
  SweepPlan plan = expand_sweep(program, options.overrides, resolve);
  std::vector<PreparedRun> parent_runs = parent_planner.take_parents();

  PlannedSweep sweep;
  sweep.name = plan.name;
  sweep.script_path = std::filesystem::absolute(script);
  sweep.script_text = program.text();
  sweep.script_sha256 = program.sha256();
  for (const auto& [key, value] : options.overrides) sweep.overrides[key] = value;
  sweep.filtered_out = plan.filtered_out;

  std::set<std::string> seen;
  Sha256 id;
  id.update(sweep.script_sha256).update("\n").update(sweep.overrides.dump()).update("\n");
  for (PreparedRun& parent : parent_runs) {
    seen.insert(parent.run_id);
    id.update(parent.run_id).update("\n");
    SweepRun run;
    run.position = sweep.runs.size();
    run.assignment = {{"parent", true}};
    run.prepared = std::move(parent);
    sweep.runs.push_back(std::move(run));
  }
  const std::size_t parent_count = sweep.runs.size();
  for (PlannedRun& planned : plan.runs) {
    SweepRun run;
    run.position = parent_count + planned.index;
    run.assignment = planned.assignment;
    try {
      run.prepared = prepare_run(planned.spec, catalogue, hash_cache, &data_cache, &parents);
    } catch (const DataError& e) {
      run.data_error = e.what();
      run.prepared = unreadable_data_run(planned.spec, catalogue, run.data_error);
    } catch (const Error&) {
      rethrow_with_context(describe_planned_run(planned.index, planned.assignment));
    }
    // A parent the grid or zip assigned is recorded as the run it became.
    for (auto& [key, value] : run.assignment.items())
      if (is_run_marker(value)) value = "run:" + run.prepared.spec.pretrained_run;
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
