#include "exec/reproduce.hpp"

#include <unistd.h>

#include <cmath>

#include "eorun/error.hpp"

namespace eorun {

namespace {

std::vector<IdentityChange> compare_identity(const nlohmann::json& recorded, const nlohmann::json& now) {
  std::vector<IdentityChange> changes;
  auto text = [](const nlohmann::json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); };
  for (const char* role : {"dataset", "model", "loss"}) {
    const nlohmann::json a = recorded.value("plugins", nlohmann::json::object()).value(role, nlohmann::json());
    const nlohmann::json b = now.at("plugins").at(role);
    if (a != b) changes.push_back({std::string("plugin ") + role, text(a), text(b)});
  }
  if (recorded.value("data_manifest_sha256", nlohmann::json()) != now.at("data_manifest_sha256"))
    changes.push_back({"data", text(recorded.value("data_manifest_sha256", nlohmann::json())),
                       text(now.at("data_manifest_sha256"))});
  if (recorded.value("build_id", nlohmann::json()) != now.at("build_id"))
    changes.push_back({"eorun build", text(recorded.value("build_id", nlohmann::json())), text(now.at("build_id"))});
  if (recorded.value("spec", nlohmann::json()) != now.at("spec"))
    changes.push_back({"spec", "(as recorded)", "(resolved again, differs)"});
  return changes;
}

std::optional<double> metric_of(const EpochRecord& epoch, const std::string& metric) {
  auto it = epoch.val.find(metric);
  if (it == epoch.val.end() || std::isnan(it->second)) return std::nullopt;
  return it->second;
}

}  // namespace

ReproduceReport reproduce_run(const RunRecord& record, const Catalogue& catalogue,
                              FileHashCache& hash_cache, const ExecutionSettings& settings) {
  ReproduceReport report;
  report.run_id = record.run_id;
  if (record.status != RunStatus::completed)
    throw Error("run " + report.run_id.substr(0, 12), "is " + to_string(record.status) + ", not completed",
                "only completed runs have weights to compare; re-run it with `eorun run` or `eorun sweep`");
  const BundleParentRuns parents(settings.runs_dir);  // the spec names its parent by full id
  PreparedRun prepared = prepare_run(record.spec, catalogue, hash_cache, nullptr, &parents);
  const nlohmann::json recorded_identity = record.identity.is_object() ? record.identity : nlohmann::json::object();
  report.identity_changes = compare_identity(recorded_identity, prepared.identity);

  ExecutionSettings scratch = settings;
  scratch.runs_dir = settings.runs_dir / (".reproduce-" + std::to_string(::getpid()));
  struct Cleanup {
    std::filesystem::path dir;
    ~Cleanup() {
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
    }
  } cleanup{scratch.runs_dir};
  const ExecutedRun executed = execute_run(prepared, catalogue, scratch);
  report.reproduced_status = executed.status;
  report.reproduced_reason = executed.record.reason;

  const std::vector<EpochRecord>& old_epochs = record.epochs;
  const std::vector<EpochRecord>& new_epochs = executed.record.epochs;
  const std::string metric = prepared.spec.train.selection_metric;
  report.recorded_final_sha256 = record.final_weights_sha256.value_or("");
  report.reproduced_final_sha256 = executed.record.final_weights_sha256.value_or("");
  const std::size_t n = std::min(old_epochs.size(), new_epochs.size());
  for (std::size_t i = 0; i < n; ++i) {
    ++report.epochs_compared;
    const EpochRecord& a = old_epochs[i];
    const EpochRecord& b = new_epochs[i];
    if (a.chain_sha256 == b.chain_sha256) continue;
    EpochDivergence d;
    d.epoch = static_cast<int>(a.epoch);
    d.recorded_weights_sha256 = a.weights_sha256;
    d.reproduced_weights_sha256 = b.weights_sha256;
    d.recorded_train_loss = a.train_loss;
    d.reproduced_train_loss = b.train_loss;
    d.metric = metric;
    d.recorded_metric = metric_of(a, metric);
    d.reproduced_metric = metric_of(b, metric);
    report.first_divergence = d;
    break;
  }
  report.identical = executed.status == RunStatus::completed && !report.first_divergence &&
                     old_epochs.size() == new_epochs.size() &&
                     report.recorded_final_sha256 == report.reproduced_final_sha256;
  return report;
}

}  // namespace eorun
