#include "registry/record_writer.hpp"

#include <cstdint>
#include <optional>
#include <string>

#include "registry/spec_leaves.hpp"

namespace eorun::registry {

namespace {

template <typename Part, typename Value>
std::optional<Value> part_of(const std::optional<Part>& part, Value Part::*member) {
  return part ? std::optional<Value>((*part).*member) : std::nullopt;
}

}  // namespace

RecordWriter::RecordWriter(sqlite::Db& db)
    : db_(db),
      find_run_(db.prepare("SELECT id, status, attempt FROM runs WHERE run_id = ?1")),
      find_record_(db.prepare("SELECT record_json FROM run_records WHERE run = ?1")),
      delete_run_(db.prepare("DELETE FROM runs WHERE id = ?1")),
      insert_run_(db.prepare(
          "INSERT INTO runs (run_id, status, reason, attempt, started_at, finished_at, "
          "ingested_at, seed, threads, data_manifest_sha256, build_id, eorun_version, git_commit, "
          "best_epoch, best_metric, best_value, checkpoint_path, checkpoint_sha256, "
          "final_weights_sha256, wall_seconds, bundle, samples_per_second, peak_rss_bytes, "
          "cpu_seconds, energy_j, gpu_energy_j, co2_g, parameters_total, parameters_trainable) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?7, ?8, ?9, ?10, "
          "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, "
          "?28)")),
      insert_record_(db.prepare("INSERT INTO run_records (run, record_json) VALUES (?1, ?2)")),
      insert_param_(db.prepare(
          "INSERT INTO run_params (run, key, value_text, value_num) VALUES (?1, ?2, ?3, ?4)")),
      count_param_(db.prepare(
          "INSERT INTO param_values (key, value_text, completed_runs) VALUES (?1, ?2, 1) "
          "ON CONFLICT (key, value_text) DO UPDATE SET completed_runs = completed_runs + 1")),
      insert_plugin_(db.prepare("INSERT INTO run_plugins (run, role, name, version, sha256, path) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")),
      insert_epoch_(
          db.prepare("INSERT INTO epochs (run, epoch, weights_sha256, chain_sha256, seconds, "
                     "data_wait_seconds) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")),
      insert_epoch_metric_(db.prepare("INSERT INTO epoch_metrics (run, epoch, split, name, value) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5)")),
      insert_metric_(
          db.prepare("INSERT INTO run_metrics (run, split, name, value) VALUES (?1, ?2, ?3, ?4)")) {
}

IngestOutcome RecordWriter::write(const RunRecord& record, const std::string& record_json) {
  // A run already recorded: a completed one stays; a failed or interrupted one is retried.
  std::int64_t attempt = 1;
  IngestOutcome outcome = IngestOutcome::inserted;
  find_run_.bind(1, record.run_id);
  if (find_run_.step()) {
    const std::int64_t old_run = find_run_.column_int(0);
    const std::optional<RunStatus> old_status = run_status_from_string(find_run_.column_view(1));
    const std::int64_t old_attempt = find_run_.column_int(2);
    find_run_.reset();
    if (old_status == RunStatus::completed) return IngestOutcome::unchanged;
    find_record_.bind(1, old_run);
    const bool same = find_record_.step() && find_record_.column_view(0) == record_json;
    find_record_.reset();
    if (same) return IngestOutcome::unchanged;
    delete_run_.bind(1, old_run).run();  // cascades to every table that refers to the run
    attempt = old_attempt + 1;
    outcome = IngestOutcome::replaced;
  }
  find_run_.reset();

  const std::int64_t run = insert_run(record, attempt);
  insert_record_.bind(1, run).bind(2, record_json).run();
  insert_params(run, record.spec, record.status == RunStatus::completed);
  insert_plugins(run, record);
  insert_epochs(run, record);
  if (const EpochRecord* best = record.best_epoch()) insert_metrics(run, "val", best->val);
  insert_metrics(run, "test", record.test);
  return outcome;
}

std::int64_t RecordWriter::insert_run(const RunRecord& record, std::int64_t attempt) {
  const std::optional<BestCheckpoint>& best = record.best;
  const std::optional<RunCost>& cost = record.cost;
  auto measured = [&cost](std::optional<double> RunCost::*member) {
    return cost ? (*cost).*member : std::nullopt;
  };
  insert_run_.bind(1, record.run_id)
      .bind(2, to_string(record.status))
      .bind(3, record.reason)
      .bind(4, attempt)
      .bind(5, record.started_at)
      .bind(6, record.finished_at)
      .bind(7, record.seed)
      .bind(8, record.threads)
      .bind(9, part_of(record.data, &DataSummary::manifest_sha256))
      .bind(10, part_of(record.env, &RunEnvironment::build_id))
      .bind(11, part_of(record.env, &RunEnvironment::eorun_version))
      .bind(12, part_of(record.env, &RunEnvironment::git_commit))
      .bind(13, part_of(best, &BestCheckpoint::epoch))
      .bind(14, part_of(best, &BestCheckpoint::metric))
      .bind(15, part_of(best, &BestCheckpoint::value))
      .bind(16, part_of(best, &BestCheckpoint::checkpoint))
      .bind(17, part_of(best, &BestCheckpoint::checkpoint_sha256))
      .bind(18, record.final_weights_sha256)
      .bind(19, part_of(record.timing, &RunTiming::wall_seconds))
      .bind(20, record.bundle)
      .bind(21, part_of(record.timing, &RunTiming::samples_per_second))
      .bind(22, part_of(record.timing, &RunTiming::peak_rss_bytes))
      .bind(23, measured(&RunCost::cpu_seconds))
      .bind(24, measured(&RunCost::energy_j))
      .bind(25, measured(&RunCost::gpu_energy_j))
      .bind(26, measured(&RunCost::co2_g))
      .bind(27, part_of(cost, &RunCost::parameters_total))
      .bind(28, part_of(cost, &RunCost::parameters_trainable))
      .run();
  return db_.last_insert_rowid();
}

void RecordWriter::insert_params(std::int64_t run, const nlohmann::json& spec, bool completed) {
  // Completed runs are never replaced or deleted, so their counts in param_values only grow.
  for (const auto& [key, leaf] : spec_leaves(spec)) {
    const std::string text = leaf_text(leaf);
    insert_param_.bind(1, run).bind(2, key).bind(3, text);
    if (leaf.is_number())
      insert_param_.bind(4, leaf.get<double>());
    else
      insert_param_.bind_null(4);
    insert_param_.run();
    if (completed) count_param_.bind(1, key).bind(2, text).run();
  }
}

void RecordWriter::insert_plugins(std::int64_t run, const RunRecord& record) {
  for (const PluginRecord& plugin : record.plugins)
    insert_plugin_.bind(1, run)
        .bind(2, plugin.role)
        .bind(3, plugin.name)
        .bind(4, plugin.version)
        .bind(5, plugin.sha256)
        .bind(6, plugin.path)
        .run();
}

void RecordWriter::insert_epochs(std::int64_t run, const RunRecord& record) {
  for (const EpochRecord& epoch : record.epochs) {
    insert_epoch_.bind(1, run)
        .bind(2, epoch.epoch)
        .bind(3, epoch.weights_sha256)
        .bind(4, epoch.chain_sha256)
        .bind(5, epoch.seconds)
        .bind(6, epoch.data_wait_seconds)
        .run();
    insert_epoch_metric_.bind(1, run)
        .bind(2, epoch.epoch)
        .bind(3, "train")
        .bind(4, "train_loss")
        .bind(5, epoch.train_loss)
        .run();
    for (const auto& [name, value] : epoch.val)
      insert_epoch_metric_.bind(1, run)
          .bind(2, epoch.epoch)
          .bind(3, "val")
          .bind(4, name)
          .bind(5, value)
          .run();
  }
}

void RecordWriter::insert_metrics(std::int64_t run, const char* split, const MetricValues& metrics) {
  for (const auto& [name, value] : metrics)
    insert_metric_.bind(1, run).bind(2, split).bind(3, name).bind(4, value).run();
}

}  // namespace eorun::registry
