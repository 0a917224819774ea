#include "exec/reproduce.hpp"

#include <unistd.h>

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

std::optional<double> metric_of(const nlohmann::json& epoch, const std::string& metric) {
  const nlohmann::json val = epoch.value("val", nlohmann::json::object());
  auto it = val.find(metric);
  if (it == val.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

}  // namespace

ReproduceReport reproduce_run(const nlohmann::json& record, const Catalogue& catalogue,
                              FileHashCache& hash_cache, const ExecutionSettings& settings) {
  ReproduceReport report;
  report.run_id = record.at("run_id").get<std::string>();
  if (record.at("status") != "completed")
    throw Error("run " + report.run_id.substr(0, 12), "is " + record.at("status").get<std::string>() + ", not completed",
                "only completed runs have weights to compare; re-run it with `eorun run` or `eorun sweep`");
  PreparedRun prepared = prepare_run(record.at("spec"), catalogue, hash_cache);
  report.identity_changes = compare_identity(record.value("identity", nlohmann::json::object()), prepared.identity);

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
  report.reproduced_reason = executed.record.value("reason", "");

  const nlohmann::json& old_epochs = record.at("epochs");
  const nlohmann::json& new_epochs = executed.record.at("epochs");
  const std::string metric = record.at("spec").at("train").value("selection_metric", "f1_macro");
  report.recorded_final_sha256 = record.value("final_weights_sha256", "");
  report.reproduced_final_sha256 = executed.record.value("final_weights_sha256", "");
  const std::size_t n = std::min(old_epochs.size(), new_epochs.size());
  for (std::size_t i = 0; i < n; ++i) {
    ++report.epochs_compared;
    const nlohmann::json& a = old_epochs[i];
    const nlohmann::json& b = new_epochs[i];
    if (a.value("chain_sha256", "") == b.value("chain_sha256", "")) continue;
    EpochDivergence d;
    d.epoch = a.value("epoch", static_cast<int>(i) + 1);
    d.recorded_weights_sha256 = a.value("weights_sha256", "");
    d.reproduced_weights_sha256 = b.value("weights_sha256", "");
    d.recorded_train_loss = a.value("train_loss", 0.0);
    d.reproduced_train_loss = b.value("train_loss", 0.0);
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
