#include "report/run_summary.hpp"

#include <cmath>

#include "registry/spec_leaves.hpp"
#include "util/shell_word.hpp"

namespace eorun::report {

namespace {

using nlohmann::json;

json number_or_null(double value) { return std::isfinite(value) ? json(value) : json(); }

json optional_number(const std::optional<double>& value) {
  return value ? number_or_null(*value) : json();
}

json metric_or_null(const MetricValues& metrics, const std::string& name) {
  const auto found = metrics.find(name);
  return found == metrics.end() ? json() : number_or_null(found->second);
}

// Per epoch: what a learning curve needs.
json curves(const RunRecord& record, const std::string& metric) {
  json epochs = json::array();
  for (const EpochRecord& epoch : record.epochs)
    epochs.push_back({{"epoch", epoch.epoch},
                      {"train_loss", number_or_null(epoch.train_loss)},
                      {"val_loss", metric_or_null(epoch.val, "loss")},
                      {"val_metric", metric_or_null(epoch.val, metric)},
                      {"lr", optional_number(epoch.lr)}});
  return epochs;
}

json cost(const RunRecord& record) {
  json out = {{"wall_seconds", json()},  {"samples_per_second", json()},
              {"peak_rss_bytes", json()}, {"cpu_seconds", json()},
              {"energy_j", json()},       {"gpu_energy_j", json()},
              {"co2_g", json()},          {"parameters_trainable", json()}};
  if (record.timing) {
    out["wall_seconds"] = number_or_null(record.timing->wall_seconds);
    out["samples_per_second"] = number_or_null(record.timing->samples_per_second);
    out["peak_rss_bytes"] = record.timing->peak_rss_bytes;
  }
  if (record.cost) {
    out["cpu_seconds"] = optional_number(record.cost->cpu_seconds);
    out["energy_j"] = optional_number(record.cost->energy_j);
    out["gpu_energy_j"] = optional_number(record.cost->gpu_energy_j);
    out["co2_g"] = optional_number(record.cost->co2_g);
    out["parameters_trainable"] = record.cost->parameters_trainable;
  }
  return out;
}

json hashes(const RunRecord& record) {
  json plugins = json::array();
  for (const PluginRecord& plugin : record.plugins)
    plugins.push_back({{"role", plugin.role},
                       {"name", plugin.name},
                       {"version", plugin.version},
                       {"sha256", plugin.sha256}});
  json out = {{"run_id", record.run_id}, {"plugins", plugins}};
  if (record.data) out["data_manifest_sha256"] = record.data->manifest_sha256;
  if (record.env) {
    out["build_id"] = record.env->build_id;
    out["git_commit"] = record.env->git_commit;
    out["eorun_version"] = record.env->eorun_version;
  }
  if (record.best) out["best_checkpoint_sha256"] = record.best->checkpoint_sha256;
  if (record.last) out["last_checkpoint_sha256"] = record.last->checkpoint_sha256;
  if (record.final_weights_sha256) out["final_weights_sha256"] = *record.final_weights_sha256;
  return out;
}

}  // namespace

json run_summary(const RunRecord& record, const RunScores& scores,
                 const std::vector<std::string>& keys, const std::string& metric,
                 const std::string& registry) {
  const std::map<std::string, json> leaves = spec_leaves(record.spec);
  json settings = json::object();
  for (const std::string& key : keys) {
    const auto found = leaves.find(key);
    settings[key] = found == leaves.end() ? json() : found->second;
  }
  json parents = json::array();
  if (record.lineage && !record.lineage->parent_run_id.empty())
    parents.push_back(record.lineage->parent_run_id);
  json out = {{"run_id", record.run_id},
              {"status", to_string(record.status)},
              {"settings", settings},
              {"val", optional_number(scores.val)},
              {"test", optional_number(scores.test)},
              {"seed", record.seed ? json(*record.seed) : json()},
              {"started_at", record.started_at ? json(*record.started_at) : json()},
              {"best_epoch", record.best ? json(record.best->epoch) : json()},
              {"epochs", curves(record, metric)},
              {"cost", cost(record)},
              {"parents", parents},
              {"hashes", hashes(record)},
              {"reproduce", "eorun --registry " + shell_word(registry) + " reproduce " + record.run_id}};
  if (record.data) out["task"] = record.data->task;
  return out;
}

json class_summary(const RunRecord& record) {
  if (record.test_per_class.empty() || !record.data) return json();
  json per_class = json::object();
  for (const auto& [name, values] : record.test_per_class) {
    json column = json::array();
    for (double value : values) column.push_back(number_or_null(value));
    per_class[name] = column;
  }
  return {{"run_id", record.run_id},
          {"task", record.data->task},
          {"class_names", record.data->class_names},
          {"per_class", per_class},
          {"confusion", record.test_confusion.empty() ? json() : json(record.test_confusion)}};
}

}  // namespace eorun::report
