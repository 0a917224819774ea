#include "registry/record_writer.hpp"

#include <cstdint>
#include <optional>
#include <string>

#include "eorun/error.hpp"
#include "registry/hex_id.hpp"
#include "registry/spec_leaves.hpp"

namespace eorun::registry {

namespace {

using nlohmann::json;

constexpr const char* kMalformedRemedy =
    "the record should be the record.json eorun wrote in the run's bundle; re-run the run or "
    "restore its bundle";

}  // namespace

// Reads typed fields of a record; a field of the wrong type is an error naming it.
// A missing field and a JSON null both read as "not recorded".
class Fields {
 public:
  explicit Fields(std::string subject) : subject_(std::move(subject)) {}

  void set_subject(std::string subject) { subject_ = std::move(subject); }

  [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
    throw Error(subject_, "field '" + field + "' " + problem, kMalformedRemedy);
  }

  const json* find(const json& object, const char* key) const {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return nullptr;
    return &*it;
  }

  const json& require(const json& object, const char* key, const std::string& where) const {
    const json* value = find(object, key);
    if (value == nullptr) fail(where, "is missing");
    return *value;
  }

  std::optional<std::string> text(const json& object, const char* key,
                                  const std::string& where) const {
    const json* value = find(object, key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) wrong_type(where, "a string", *value);
    return value->get<std::string>();
  }

  std::optional<std::int64_t> integer(const json& object, const char* key,
                                      const std::string& where) const {
    const json* value = find(object, key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_number_integer()) wrong_type(where, "an integer", *value);
    return value->get<std::int64_t>();
  }

  std::optional<double> number(const json& object, const char* key,
                               const std::string& where) const {
    const json* value = find(object, key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_number()) wrong_type(where, "a number", *value);
    return value->get<double>();
  }

  // An object field, or nullptr when absent or null.
  const json* object(const json& parent, const char* key, const std::string& where) const {
    const json* value = find(parent, key);
    if (value != nullptr && !value->is_object()) wrong_type(where, "an object", *value);
    return value;
  }

  const json* array(const json& parent, const char* key, const std::string& where) const {
    const json* value = find(parent, key);
    if (value != nullptr && !value->is_array()) wrong_type(where, "a list", *value);
    return value;
  }

  [[noreturn]] void wrong_type(const std::string& where, const char* expected,
                               const json& got) const {
    fail(where, std::string("should be ") + expected + ", got " + got.type_name());
  }

 private:
  std::string subject_;
};

namespace {

// A value under `key` of an optional object, for the narrow columns (env.build_id, ...).
std::optional<std::string> nested_text(const Fields& fields, const json& record, const char* parent,
                                       const char* key) {
  const json* object = fields.object(record, parent, parent);
  if (object == nullptr) return std::nullopt;
  return fields.text(*object, key, std::string(parent) + "." + key);
}

std::optional<double> nested_number(const Fields& fields, const json& record, const char* parent,
                                    const char* key) {
  const json* object = fields.object(record, parent, parent);
  if (object == nullptr) return std::nullopt;
  return fields.number(*object, key, std::string(parent) + "." + key);
}

// Fields of an epoch entry with their own place; its other numbers (train_loss, ...) are train
// metrics, a null among them standing for NaN.
bool is_epoch_field(const std::string& key) {
  return key == "epoch" || key == "seconds" || key == "data_wait_seconds" ||
         key == "weights_sha256" || key == "chain_sha256" || key == "val";
}

// Binds a metric value: a number, or null (how JSON writes NaN) as NULL.
void bind_metric(sqlite::Stmt& stmt, int index, const Fields& fields, const std::string& where,
                 const json& value) {
  if (value.is_number())
    stmt.bind(index, value.get<double>());
  else if (value.is_null())
    stmt.bind_null(index);
  else
    fields.wrong_type(where, "a number", value);
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
          "final_weights_sha256, wall_seconds, bundle) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
          "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
          "?17, ?18, ?19, ?20)")),
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

IngestOutcome RecordWriter::write(const json& record) {
  Fields fields("run record");
  if (!record.is_object())
    throw Error("run record", std::string("should be a JSON object, got ") + record.type_name(),
                kMalformedRemedy);

  const json& id_field = fields.require(record, "run_id", "run_id");
  if (!id_field.is_string() || !is_hex_id(id_field.get<std::string>()))
    fields.fail("run_id", "should be 64 lower-case hex digits, got " + id_field.dump());
  const std::string run_id = id_field.get<std::string>();
  fields.set_subject("run record " + run_id);

  const json& status_field = fields.require(record, "status", "status");
  const std::string status = status_field.is_string() ? status_field.get<std::string>() : "";
  if (status != "completed" && status != "failed" && status != "interrupted")
    fields.fail("status", "should be completed, failed or interrupted, got " + status_field.dump());

  const json& spec = fields.require(record, "spec", "spec");
  if (!spec.is_object()) fields.wrong_type("spec", "an object", spec);

  // A run already recorded: a completed one stays; a failed or interrupted one is retried.
  const std::string record_json = record.dump();
  std::int64_t attempt = 1;
  IngestOutcome outcome = IngestOutcome::inserted;
  find_run_.bind(1, run_id);
  if (find_run_.step()) {
    const std::int64_t old_run = find_run_.column_int(0);
    const std::string old_status = find_run_.column_text(1);
    const std::int64_t old_attempt = find_run_.column_int(2);
    find_run_.reset();
    if (old_status == "completed") return IngestOutcome::unchanged;
    find_record_.bind(1, old_run);
    const bool same = find_record_.step() && find_record_.column_text(0) == record_json;
    find_record_.reset();
    if (same) return IngestOutcome::unchanged;
    delete_run_.bind(1, old_run).run();  // cascades to every table that refers to the run
    attempt = old_attempt + 1;
    outcome = IngestOutcome::replaced;
  }
  find_run_.reset();

  const std::int64_t run = insert_run(fields, record, run_id, status, attempt);
  insert_record_.bind(1, run).bind(2, record_json).run();
  insert_params(run, spec, status == "completed");
  insert_plugins(fields, run, record);
  const json* best_val = insert_epochs(fields, run, record);
  if (best_val != nullptr) insert_metrics(fields, run, "val", *best_val);
  if (const json* test = fields.object(record, "test", "test"))
    insert_metrics(fields, run, "test", *test);
  return outcome;
}

std::int64_t RecordWriter::insert_run(const Fields& fields, const json& record,
                                      const std::string& run_id, const std::string& status,
                                      std::int64_t attempt) {
  const json* best = fields.object(record, "best", "best");
  auto best_text = [&](const char* key) {
    return best ? fields.text(*best, key, std::string("best.") + key) : std::nullopt;
  };
  insert_run_.bind(1, run_id)
      .bind(2, status)
      .bind(3, fields.text(record, "reason", "reason").value_or(""))
      .bind(4, attempt)
      .bind(5, fields.text(record, "started_at", "started_at"))
      .bind(6, fields.text(record, "finished_at", "finished_at"))
      .bind(7, fields.integer(record, "seed", "seed"))
      .bind(8, fields.integer(record, "threads", "threads"))
      .bind(9, nested_text(fields, record, "data", "manifest_sha256"))
      .bind(10, nested_text(fields, record, "env", "build_id"))
      .bind(11, nested_text(fields, record, "env", "eorun_version"))
      .bind(12, nested_text(fields, record, "env", "git_commit"))
      .bind(13, best ? fields.integer(*best, "epoch", "best.epoch") : std::nullopt)
      .bind(14, best_text("metric"))
      .bind(15, best ? fields.number(*best, "value", "best.value") : std::nullopt)
      .bind(16, best_text("checkpoint"))
      .bind(17, best_text("checkpoint_sha256"))
      .bind(18, fields.text(record, "final_weights_sha256", "final_weights_sha256"))
      .bind(19, nested_number(fields, record, "timing", "wall_seconds"))
      .bind(20, fields.text(record, "bundle", "bundle"))
      .run();
  return db_.last_insert_rowid();
}

void RecordWriter::insert_params(std::int64_t run, const json& spec, bool completed) {
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

void RecordWriter::insert_plugins(const Fields& fields, std::int64_t run, const json& record) {
  const json* plugins = fields.array(record, "plugins", "plugins");
  if (plugins == nullptr) return;
  for (std::size_t i = 0; i < plugins->size(); ++i) {
    const std::string where = "plugins[" + std::to_string(i) + "]";
    const json& plugin = (*plugins)[i];
    if (!plugin.is_object()) fields.wrong_type(where, "an object", plugin);
    auto field = [&](const char* key) {
      const json& value = fields.require(plugin, key, where + "." + key);
      if (!value.is_string()) fields.wrong_type(where + "." + key, "a string", value);
      return value.get<std::string>();
    };
    insert_plugin_.bind(1, run)
        .bind(2, field("role"))
        .bind(3, field("name"))
        .bind(4, field("version"))
        .bind(5, field("sha256"))
        .bind(6, field("path"))
        .run();
  }
}

const json* RecordWriter::insert_epochs(const Fields& fields, std::int64_t run,
                                        const json& record) {
  std::optional<std::int64_t> best_epoch;
  if (const json* best = fields.object(record, "best", "best"))
    best_epoch = fields.integer(*best, "epoch", "best.epoch");
  const json* best_val = nullptr;
  bool best_found = false;
  const json* epochs = fields.array(record, "epochs", "epochs");
  for (std::size_t i = 0; epochs != nullptr && i < epochs->size(); ++i) {
    const std::string where = "epochs[" + std::to_string(i) + "]";
    const json& entry = (*epochs)[i];
    if (!entry.is_object()) fields.wrong_type(where, "an object", entry);
    const json& epoch_field = fields.require(entry, "epoch", where + ".epoch");
    if (!epoch_field.is_number_integer())
      fields.wrong_type(where + ".epoch", "an integer", epoch_field);
    const std::int64_t epoch = epoch_field.get<std::int64_t>();
    insert_epoch_.bind(1, run)
        .bind(2, epoch)
        .bind(3, fields.text(entry, "weights_sha256", where + ".weights_sha256"))
        .bind(4, fields.text(entry, "chain_sha256", where + ".chain_sha256"))
        .bind(5, fields.number(entry, "seconds", where + ".seconds"))
        .bind(6, fields.number(entry, "data_wait_seconds", where + ".data_wait_seconds"))
        .run();
    for (const auto& [key, value] : entry.items()) {
      if (is_epoch_field(key) || !(value.is_number() || value.is_null())) continue;
      insert_epoch_metric_.bind(1, run).bind(2, epoch).bind(3, "train").bind(4, key);
      bind_metric(insert_epoch_metric_, 5, fields, where + "." + key, value);
      insert_epoch_metric_.run();
    }
    const json* val = fields.object(entry, "val", where + ".val");
    if (val != nullptr) {
      for (const auto& [name, value] : val->items()) {
        insert_epoch_metric_.bind(1, run).bind(2, epoch).bind(3, "val").bind(4, name);
        bind_metric(insert_epoch_metric_, 5, fields, where + ".val." + name, value);
        insert_epoch_metric_.run();
      }
    }
    if (best_epoch && *best_epoch == epoch) {
      best_found = true;
      best_val = val;
    }
  }
  if (best_epoch && !best_found)
    fields.fail("best.epoch",
                "is " + std::to_string(*best_epoch) + ", which is not among the recorded epochs");
  return best_val;
}

void RecordWriter::insert_metrics(const Fields& fields, std::int64_t run, const char* split,
                                  const json& metrics) {
  for (const auto& [name, value] : metrics.items()) {
    insert_metric_.bind(1, run).bind(2, split).bind(3, name);
    bind_metric(insert_metric_, 4, fields, std::string(split) + "." + name, value);
    insert_metric_.run();
  }
}

}  // namespace eorun::registry
