#include "exec/run_executor.hpp"

#include <chrono>
#include <ctime>

#include <torch/utils.h>

#include "data/band_stats.hpp"
#include "exec/bundle.hpp"
#include "exec/environment.hpp"
#include "spec/run_identity.hpp"
#include "util/sha256.hpp"

namespace eorun {

namespace {

constexpr const char* kDevice = "cpu";

std::string utc_now() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string task_name(Task task) { return task == Task::single_label ? "single_label" : "multi_label"; }

PluginRecord plugin_record(const char* role, const LoadedPlugin& plugin) {
  return {role, plugin.name, plugin.version, plugin.sha256, plugin.path.string()};
}

std::shared_ptr<Dataset> open_split(const RunSpec& spec, const Catalogue& catalogue,
                                    const char* split) {
  return catalogue.make_dataset(*spec.dataset, spec.dataset_params, DatasetContext{split});
}

// Statistics depend on the train split's files and on which bands are read.
std::string band_stats_key(const PreparedRun& run) {
  nlohmann::json key = {{"dataset", run.spec.json.at("dataset")},
                        {"data_manifest_sha256", run.manifest.sha256}};
  return sha256_hex(key.dump());
}

TrainResult failed_before_training(const std::string& reason) {
  TrainResult result;
  result.status = RunStatus::failed;
  result.reason = reason;
  return result;
}

DataSummary data_summary(const PreparedRun& run, const BandStats& stats) {
  const DatasetInfo& info = run.train->info();
  DataSummary data;
  data.manifest_sha256 = run.manifest.sha256;
  data.base = run.manifest.base.string();
  data.file_count = static_cast<std::int64_t>(run.manifest.entries.size());
  data.byte_count = static_cast<std::int64_t>(run.manifest.byte_count);
  data.band_names = info.band_names;
  data.class_names = info.class_names;
  data.task = task_name(info.task);
  data.samples = {static_cast<std::int64_t>(run.train->size()),
                  static_cast<std::int64_t>(run.val->size()),
                  static_cast<std::int64_t>(run.test->size())};
  data.normalisation = {stats.mean, stats.std};
  return data;
}

RunEnvironment run_environment(const PreparedRun& run, int loader_threads) {
  RunEnvironment env = describe_environment();
  env.other["threads"] = run.spec.train.threads;
  env.other["loader_threads"] = loader_threads;
  return env;
}

RunRecord make_record(const PreparedRun& run, const TrainResult& result, const BandStats& stats,
                      const ExecutionSettings& settings, int loader_threads,
                      const std::string& started_at) {
  const std::filesystem::path bundle = settings.runs_dir / run.run_id;
  RunRecord record;
  record.run_id = run.run_id;
  record.status = result.status;
  record.reason = result.reason;
  record.spec = run.spec.json;
  record.identity = run.identity;
  record.plugins = {plugin_record("dataset", *run.spec.dataset),
                    plugin_record("model", *run.spec.model), plugin_record("loss", *run.spec.loss)};
  record.data = data_summary(run, stats);
  record.env = run_environment(run, loader_threads);
  record.seed = run.spec.train.seed;
  record.threads = run.spec.train.threads;
  record.started_at = started_at;
  record.finished_at = utc_now();
  record.timing = RunTiming{result.wall_seconds, result.data_wait_seconds,
                            result.samples_per_second, result.peak_rss_bytes};
  for (const EpochResult& e : result.epochs)
    record.epochs.push_back({e.epoch, e.train_loss, e.val_metrics,
                             e.weights_sha256, e.chain_sha256, e.seconds, e.data_wait_seconds});
  record.test = result.test_metrics;
  if (!result.checkpoint_file.empty())
    record.best = BestCheckpoint{result.best_epoch, run.spec.train.selection_metric,
                                 result.best_value, (bundle / result.checkpoint_file).string(),
                                 result.checkpoint_sha256};
  record.final_weights_sha256 = result.final_weights_sha256;
  if (!result.predictions_file.empty())
    record.predictions = (bundle / result.predictions_file).string();
  record.bundle = bundle.string();
  return record;
}

}  // namespace

const PreparedDataCache::Entry& PreparedDataCache::get(const RunSpec& spec, const Catalogue& catalogue,
                                                      FileHashCache& hash_cache) {
  const std::string key = spec.json.at("dataset").dump();
  auto it = entries_.find(key);
  if (it != entries_.end()) return it->second;
  Entry entry;
  entry.train = open_split(spec, catalogue, "train");
  entry.val = open_split(spec, catalogue, "val");
  entry.test = open_split(spec, catalogue, "test");
  std::vector<std::string> files;
  for (const auto& split : {entry.train, entry.val, entry.test})
    for (auto& f : split->manifest()) files.push_back(std::move(f));
  entry.manifest = build_data_manifest(files, hash_cache, static_cast<int>(spec.train.threads));
  return entries_.emplace(key, std::move(entry)).first->second;
}

PreparedRun prepare_run(const nlohmann::json& user_spec, const Catalogue& catalogue,
                        FileHashCache& hash_cache, PreparedDataCache* data_cache) {
  PreparedDataCache local;
  PreparedDataCache& cache = data_cache != nullptr ? *data_cache : local;
  PreparedRun run;
  run.spec = resolve_run_spec(user_spec, catalogue);
  const PreparedDataCache::Entry& data = cache.get(run.spec, catalogue, hash_cache);
  run.train = data.train;
  run.val = data.val;
  run.test = data.test;
  run.manifest = data.manifest;
  run.identity = identity_document(run.spec, run.manifest.sha256, build_id(), kDevice);
  run.run_id = run_id_of(run.identity);
  return run;
}

ExecutedRun execute_run(const PreparedRun& run, const Catalogue& catalogue,
                        const ExecutionSettings& settings) {
  const std::string started_at = utc_now();
  const int threads = static_cast<int>(run.spec.train.threads);
  const int loader_threads = settings.loader_threads > 0 ? settings.loader_threads : threads;
  BundleStaging staging(settings.runs_dir, run.run_id);
  const DatasetInfo& info = run.train->info();
  std::size_t channels = 0;
  for (const auto& shape : info.input_shapes) channels += static_cast<std::size_t>(shape.at(0));
  BandStats stats = identity_band_stats(channels);
  TrainResult result;
  try {
    if (run.spec.normalisation == Normalisation::train_stats)
      stats = load_or_compute_band_stats(*run.train, band_stats_key(run), settings.cache_dir, threads);
    // The model's initial weights come from the run's seed, like everything else.
    torch::manual_seed(static_cast<std::uint64_t>(run.spec.train.seed));
    ModelContext model_context{static_cast<std::int64_t>(info.class_names.size()), info.input_shapes,
                               info.band_names};
    TrainJob job;
    job.train = run.train;
    job.val = run.val;
    job.test = run.test;
    job.model = catalogue.make_model(*run.spec.model, run.spec.model_params, model_context);
    job.loss = catalogue.make_loss(*run.spec.loss, run.spec.loss_params,
                                   LossContext{model_context.num_classes, info.task});
    job.settings = run.spec.train;
    job.normalisation = stats;
    job.out_dir = staging.dir();
    job.loader_threads = loader_threads;
    job.stop_requested = settings.stop_requested;
    job.show_progress = settings.show_progress;
    result = train(job);
  } catch (const std::exception& e) {
    result = failed_before_training(e.what());
  }
  ExecutedRun executed;
  executed.status = result.status;
  executed.record = make_record(run, result, stats, settings, loader_threads, started_at);
  const nlohmann::json written = executed.record.to_json();
  staging.write_file("spec.json", run.spec.json.dump(2) + "\n");
  staging.write_file("env.json", written.at("env").dump(2) + "\n");
  staging.write_file("manifest.tsv", run.manifest.to_tsv());
  staging.write_file(kRecordFile, written.dump(2) + "\n");
  executed.bundle_dir = staging.commit();
  return executed;
}

}  // namespace eorun
