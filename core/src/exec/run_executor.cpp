#include "exec/run_executor.hpp"

#include <chrono>
#include <ctime>

#include <torch/utils.h>

#include "data/band_stats.hpp"
#include "data/class_counts.hpp"
#include "exec/bundle.hpp"
#include "exec/environment.hpp"
#include "util/sha256.hpp"

namespace eorun {

namespace {

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

// What the core computes from the train split (band statistics, class counts) depends on its
// files and on the [dataset] section (which bands are read, which labels).
std::string train_data_key(const PreparedRun& run) {
  nlohmann::json key = {{"dataset", run.spec.json.at("dataset")},
                        {"data_manifest_sha256", run.manifest.sha256}};
  return sha256_hex(key.dump());
}

LossContext loss_context_of(const DatasetInfo& info, const ClassCounts& counts) {
  LossContext context;
  context.num_classes = static_cast<std::int64_t>(info.class_names.size());
  context.task = info.task;
  context.class_names = info.class_names;
  context.train_samples = counts.samples;
  context.class_counts = counts.per_class;
  return context;
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
        {"band_names", info.band_names()},
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

ExecutedRun execute_run(const PreparedRun& run, const Catalogue& catalogue,
                        const ExecutionSettings& settings) {
  const std::string started_at = utc_now();
  const int threads = static_cast<int>(run.spec.train.threads);
  const int loader_threads = settings.loader_threads > 0 ? settings.loader_threads : threads;
  BundleStaging staging(settings.runs_dir, run.run_id);
  const DatasetInfo& info = run.train->info();
  BandStats stats = identity_band_stats(info.band_names().size());
  TrainResult result;
  try {
    const std::string data_key = train_data_key(run);
    if (run.spec.normalisation == Normalisation::train_stats)
      stats = load_or_compute_band_stats(*run.train, data_key, settings.cache_dir, threads);
    const ClassCounts counts =
        load_or_compute_class_counts(*run.train, data_key, settings.cache_dir, threads);
    // The model's initial weights come from the run's seed, like everything else.
    torch::manual_seed(static_cast<std::uint64_t>(run.spec.train.seed));
    TrainJob job;
    job.train = run.train;
    job.val = run.val;
    job.test = run.test;
    job.model = catalogue.make_model(*run.spec.model, run.spec.model_params, model_context_of(info));
    job.loss = catalogue.make_loss(*run.spec.loss, run.spec.loss_params, loss_context_of(info, counts));
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
