#include "exec/run_executor.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>

#include <torch/utils.h>

#include "data/band_stats.hpp"
#include "exec/cached_splits.hpp"
#include "exec/normalisation_choice.hpp"
#include "data/class_counts.hpp"
#include "exec/bundle.hpp"
#include "exec/environment.hpp"
#include "exec/parent_runs.hpp"
#include "exec/starting_model.hpp"
#include "exec/run_cost_meter.hpp"
#include "train/checkpoint.hpp"
#include "train/model_groups.hpp"
#include "train/pretrained_weights.hpp"
#include "util/sha256.hpp"
#include "util/utc_time.hpp"

namespace eorun {

namespace {

std::string task_name(Task task) { return task == Task::single_label ? "single_label" : "multi_label"; }

PluginRecord plugin_record(const char* role, const LoadedPlugin& plugin) {
  return {role, plugin.name, plugin.version, plugin.sha256, plugin.path.string()};
}

// The run's model with its starting weights. The parent's checkpoint is verified again, and a
// weights file must still be the file the run's identity hashed: either may have changed since
// the run was prepared.
StartingModel start_model(const PreparedRun& run, const Catalogue& catalogue,
                          const std::filesystem::path& runs_dir) {
  std::optional<ParentRun> parent;
  if (!run.spec.pretrained_run.empty())
    parent = parent_for_execution(run.parent, runs_dir, run.spec.pretrained_run);
  std::string file_sha256;
  if (!run.spec.pretrained_file.empty()) {
    const std::filesystem::path path = run.spec.pretrained_file;
    const auto hashed = std::find_if(run.param_files.begin(), run.param_files.end(),
                                     [](const ParamFile& file) { return file.key == "model.pretrained"; });
    file_sha256 = sha256_file(path);
    if (hashed == run.param_files.end() || hashed->sha256 != file_sha256)
      throw Error("model.pretrained: file " + path.string(),
                  "changed since the run was prepared (sha256 " + file_sha256.substr(0, 12) + ")",
                  "run it again: its identity follows the file's content");
  }
  StartingModel start = make_starting_model(run.spec, run.train->info(), catalogue,
                                            parent ? &*parent : nullptr, /*copy=*/true);
  if (start.lineage && !file_sha256.empty()) start.lineage->checkpoint_sha256 = file_sha256;
  return start;
}

TrainResult failed_before_training(const std::string& reason) {
  TrainResult result;
  result.status = RunStatus::failed;
  result.reason = reason;
  return result;
}

DataSummary data_summary(const PreparedRun& run, const RunNormalisation& normalisation,
                         const std::optional<ClassCounts>& counts) {
  const DatasetInfo& info = run.train->info();
  DataSummary data;
  data.manifest_sha256 = run.manifest.sha256;
  data.base = run.manifest.base.string();
  data.file_count = static_cast<std::int64_t>(run.manifest.entries.size());
  data.byte_count = static_cast<std::int64_t>(run.manifest.byte_count);
  data.band_names = info.band_names();
  data.class_names = info.class_names;
  data.task = task_name(info.task);
  data.samples = {static_cast<std::int64_t>(run.train->size()),
                  static_cast<std::int64_t>(run.val->size()),
                  static_cast<std::int64_t>(run.test->size())};
  data.normalisation = {normalisation.stats.mean, normalisation.stats.std, normalisation.method,
                        normalisation.source};
  data.notes = info.notes;
  for (const InputGroup& group : info.inputs)
    data.inputs.push_back({group.name, group.bands, group.resolution_m, group.shape});
  if (counts) data.class_counts = ClassCountsRecord{counts->samples, counts->per_class};
  return data;
}

RunEnvironment run_environment(const PreparedRun& run, int loader_threads) {
  RunEnvironment env = describe_environment();
  env.other["threads"] = run.spec.train.threads;
  env.other["loader_threads"] = loader_threads;
  env.other["device"] = run.device.identity();
  return env;
}

ParamFileRecord param_file_record(const ParamFile& file) {
  ParamFileRecord record{file.key, file.path, "missing", std::nullopt, std::nullopt};
  switch (file.kind) {
    case ParamFile::Kind::file:
      record.kind = "file";
      record.size = static_cast<std::int64_t>(file.size);
      record.sha256 = file.sha256;
      break;
    case ParamFile::Kind::folder: record.kind = "folder"; break;
    case ParamFile::Kind::missing: break;
  }
  return record;
}

RunRecord make_record(const PreparedRun& run, const TrainResult& result,
                      const RunNormalisation& normalisation,
                      const std::optional<ClassCounts>& counts, const ExecutionSettings& settings,
                      int loader_threads, const std::string& started_at) {
  const std::filesystem::path bundle = settings.runs_dir / run.run_id;
  RunRecord record;
  record.run_id = run.run_id;
  record.status = result.status;
  record.reason = result.reason;
  record.spec = run.spec.json;
  record.identity = run.identity;
  record.plugins = {plugin_record("dataset", *run.spec.dataset),
                    plugin_record("model", *run.spec.model), plugin_record("loss", *run.spec.loss)};
  for (const ParamFile& file : run.param_files) record.param_files.push_back(param_file_record(file));
  record.data = data_summary(run, normalisation, counts);
  record.env = run_environment(run, loader_threads);
  record.seed = run.spec.train.seed;
  record.threads = run.spec.train.threads;
  record.started_at = started_at;
  record.finished_at = utc_now();
  record.timing = RunTiming{result.wall_seconds, result.data_wait_seconds,
                            result.samples_per_second, result.peak_rss_bytes};
  for (const EpochResult& e : result.epochs)
    record.epochs.push_back({e.epoch, e.train_loss, e.val_metrics, e.weights_sha256,
                             e.chain_sha256, e.seconds, e.data_wait_seconds, e.lr});
  if (result.stopped_early_at > 0)
    record.stopped_early = EarlyStop{result.stopped_early_at, result.stopped_early_why};
  record.test = result.test_metrics;
  record.test_per_class = result.test_per_class;
  record.test_confusion = result.test_confusion;
  if (!result.checkpoint_file.empty())
    record.best = BestCheckpoint{result.best_epoch, run.spec.train.selection_metric,
                                 result.best_value, (bundle / result.checkpoint_file).string(),
                                 result.checkpoint_sha256};
  if (!result.last_checkpoint.file.empty())
    record.last = LastCheckpoint{result.last_checkpoint.epoch, (bundle / result.last_checkpoint.file).string(),
                                 result.last_checkpoint.sha256};
  record.final_weights_sha256 = result.final_weights_sha256;
  if (!result.groups.empty()) {
    FinetuneRecord finetune{run.spec.finetune.text(), {}};
    for (const GroupState& g : result.groups)
      finetune.groups.push_back({g.name, g.trained, g.parameters, g.start_sha256,
                                 g.end_sha256.empty() ? std::nullopt : std::optional<std::string>(g.end_sha256)});
    record.finetune = finetune;
  }
  if (!result.predictions_file.empty())
    record.predictions = (bundle / result.predictions_file).string();
  record.bundle = bundle.string();
  return record;
}

}  // namespace

ExecutedRun execute_run(const PreparedRun& run, const Catalogue& catalogue,
                        const ExecutionSettings& settings) {
  const std::string started_at = utc_now();
  const int threads = static_cast<int>(run.spec.train.threads);
  const int loader_threads = settings.loader_threads > 0 ? settings.loader_threads : threads;
  BundleStaging staging(settings.runs_dir, run.run_id);
  const DatasetInfo& info = run.train->info();
  RunNormalisation normalisation{identity_band_stats(info.band_names().size()),
                                 normalisation_name(run.spec.normalisation), ""};
  std::optional<ClassCounts> counts;
  std::optional<Lineage> lineage;
  std::optional<RunCost> cost;  // measured around train() only
  nlohmann::json cache_use;     // the packed caches read, when dataset.cache is set
  TrainResult result;
  try {
    std::shared_ptr<Dataset> train_split = run.train, val_split = run.val, test_split = run.test;
    if (run.spec.data_cache) {
      CachedSplits cached = open_cached_splits(run, settings.cache_dir, threads, &std::cerr);
      train_split = cached.train;
      val_split = cached.val;
      test_split = cached.test;
      cache_use = std::move(cached.record);
    }
    const std::string data_key = train_data_key(run.spec, run.manifest);
    normalisation = choose_normalisation(run.spec.normalisation, *train_split, run.spec.dataset->name,
                                         data_key, settings.cache_dir, threads);
    counts = run.class_counts;
    // The model's initial weights come from the run's seed, like everything else.
    torch::manual_seed(static_cast<std::uint64_t>(run.spec.train.seed));
    TrainJob job;
    job.train = train_split;
    job.val = val_split;
    job.test = test_split;
    StartingModel start = start_model(run, catalogue, settings.runs_dir);
    job.model = start.model;
    job.new_groups = start.new_groups;
    lineage = start.lineage;
    job.finetune = run.spec.finetune;
    job.loss = catalogue.make_loss(*run.spec.loss, run.spec.loss_params, loss_context_of(info, *counts));
    job.settings = run.spec.train;
    job.normalisation = normalisation.stats;
    job.out_dir = staging.dir();
    job.loader_threads = loader_threads;
    job.stop_requested = settings.stop_requested;
    job.show_progress = settings.show_progress;
    RunCostMeter cost_meter({settings.grid_intensity, run.spec.train.device});
    result = train(job);
    cost = cost_meter.stop();
    cost->parameters_total = result.parameters_total;
    cost->parameters_trainable = result.parameters_trainable;
  } catch (const std::exception& e) {
    result = failed_before_training(e.what());
  }
  ExecutedRun executed;
  executed.status = result.status;
  executed.record = make_record(run, result, normalisation, counts, settings, loader_threads, started_at);
  executed.record.lineage = lineage;
  if (executed.record.data && !cache_use.is_null()) executed.record.data->cache = cache_use;
  executed.record.cost = cost;
  const nlohmann::json written = executed.record.to_json();
  staging.write_file("spec.json", run.spec.json.dump(2) + "\n");
  staging.write_file("env.json", written.at("env").dump(2) + "\n");
  staging.write_file("manifest.tsv", run.manifest.to_tsv());
  staging.write_file(kRecordFile, written.dump(2) + "\n");
  executed.bundle_dir = staging.commit();
  return executed;
}

}  // namespace eorun
