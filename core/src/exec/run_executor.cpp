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

nlohmann::json plugin_json(const char* role, const LoadedPlugin& plugin) {
  return {{"role", role}, {"name", plugin.name}, {"version", plugin.version},
          {"sha256", plugin.sha256}, {"path", plugin.path.string()}};
}

nlohmann::json metrics_json(const std::map<std::string, double>& metrics) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, value] : metrics) out[name] = value;
  return out;
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

nlohmann::json make_record(const PreparedRun& run, const TrainResult& result,
                           const BandStats& stats, const ExecutionSettings& settings,
                           int loader_threads, const std::string& started_at) {
  const DatasetInfo& info = run.train->info();
  nlohmann::json env = describe_environment();
  env["threads"] = run.spec.train.threads;
  env["loader_threads"] = loader_threads;
  nlohmann::json epochs = nlohmann::json::array();
  for (const EpochResult& e : result.epochs)
    epochs.push_back({{"epoch", e.epoch}, {"train_loss", e.train_loss},
                      {"val", metrics_json(e.val_metrics)}, {"weights_sha256", e.weights_sha256},
                      {"chain_sha256", e.chain_sha256}, {"seconds", e.seconds},
                      {"data_wait_seconds", e.data_wait_seconds}});
  const std::filesystem::path bundle = settings.runs_dir / run.run_id;
  nlohmann::json best = nullptr;
  if (!result.checkpoint_file.empty())
    best = {{"epoch", result.best_epoch}, {"metric", run.spec.train.selection_metric},
            {"value", result.best_value},
            {"checkpoint", (bundle / result.checkpoint_file).string()},
            {"checkpoint_sha256", result.checkpoint_sha256}};
  return {
      {"format", 1},
      {"run_id", run.run_id},
      {"status", to_string(result.status)},
      {"reason", result.reason},
      {"spec", run.spec.json},
      {"identity", run.identity},
      {"plugins", {plugin_json("dataset", *run.spec.dataset), plugin_json("model", *run.spec.model),
                   plugin_json("loss", *run.spec.loss)}},
      {"data",
       {{"manifest_sha256", run.manifest.sha256},
        {"base", run.manifest.base.string()},
        {"file_count", run.manifest.entries.size()},
        {"byte_count", run.manifest.byte_count},
        {"band_names", info.band_names},
        {"class_names", info.class_names},
        {"task", task_name(info.task)},
        {"samples", {{"train", run.train->size()}, {"val", run.val->size()}, {"test", run.test->size()}}},
        {"normalisation", {{"mean", stats.mean}, {"std", stats.std}}}}},
      {"env", env},
      {"seed", run.spec.train.seed},
      {"threads", run.spec.train.threads},
      {"started_at", started_at},
      {"finished_at", utc_now()},
      {"timing",
       {{"wall_seconds", result.wall_seconds},
        {"data_wait_seconds", result.data_wait_seconds},
        {"samples_per_second", result.samples_per_second},
        {"peak_rss_bytes", result.peak_rss_bytes}}},
      {"epochs", epochs},
      {"test", metrics_json(result.test_metrics)},
      {"best", best},
      {"final_weights_sha256", result.final_weights_sha256},
      {"predictions", result.predictions_file.empty() ? nlohmann::json(nullptr)
                                                       : nlohmann::json((bundle / result.predictions_file).string())},
      {"bundle", bundle.string()},
  };
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
  staging.write_file("spec.json", run.spec.json.dump(2) + "\n");
  staging.write_file("env.json", executed.record.at("env").dump(2) + "\n");
  staging.write_file("manifest.tsv", run.manifest.to_tsv());
  staging.write_file(kRecordFile, executed.record.dump(2) + "\n");
  executed.bundle_dir = staging.commit();
  return executed;
}

}  // namespace eorun
