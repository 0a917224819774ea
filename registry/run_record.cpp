#include "registry/run_record.hpp"

#include <cmath>

#include "eorun/error.hpp"
#include "registry/hex_id.hpp"
#include "registry/record_field.hpp"

namespace eorun {

namespace {

using nlohmann::json;
using registry::RecordField;

// A real number; NaN (and infinity, which JSON cannot hold either) as null.
json real_json(double value) { return std::isfinite(value) ? json(value) : json(); }

template <typename T>
json optional_json(const std::optional<T>& value) {
  return value ? json(*value) : json();
}

json reals_json(const std::vector<double>& values) {
  json out = json::array();
  for (double value : values) out.push_back(real_json(value));
  return out;
}

// --- to_json -------------------------------------------------------------------------------------

json plugin_json(const PluginRecord& plugin) {
  return {{"role", plugin.role},       {"name", plugin.name}, {"version", plugin.version},
          {"sha256", plugin.sha256}, {"path", plugin.path}};
}

json inputs_json(const std::vector<InputGroupRecord>& inputs) {
  json out = json::array();
  for (const InputGroupRecord& group : inputs)
    out.push_back({{"name", group.name},
                   {"bands", group.bands},
                   {"resolution_m", real_json(group.resolution_m)},
                   {"shape", group.shape}});
  return out;
}

json data_json(const DataSummary& data) {
  return {{"manifest_sha256", data.manifest_sha256},
          {"base", data.base},
          {"file_count", data.file_count},
          {"byte_count", data.byte_count},
          {"band_names", data.band_names},
          {"class_names", data.class_names},
          {"task", data.task},
          {"samples",
           {{"train", data.samples.train}, {"val", data.samples.val}, {"test", data.samples.test}}},
          {"normalisation",
           {{"mean", reals_json(data.normalisation.mean)},
            {"std", reals_json(data.normalisation.std)},
            {"method", data.normalisation.method},
            {"source", data.normalisation.source}}},
          {"inputs", inputs_json(data.inputs)},
          {"notes", data.notes},
          {"cache", data.cache},
          {"class_counts",
           data.class_counts ? json{{"samples", data.class_counts->samples},
                                    {"per_class", data.class_counts->per_class}}
                             : json()}};
}

json param_files_json(const std::vector<ParamFileRecord>& files) {
  json out = json::array();
  for (const ParamFileRecord& file : files)
    out.push_back({{"key", file.key},
                   {"path", file.path},
                   {"kind", file.kind},
                   {"size", optional_json(file.size)},
                   {"sha256", optional_json(file.sha256)}});
  return out;
}

json env_json(const RunEnvironment& env) {
  json out = env.other;
  out["eorun_version"] = env.eorun_version;
  out["git_commit"] = env.git_commit;
  out["build_id"] = env.build_id;
  return out;
}

json timing_json(const RunTiming& timing) {
  return {{"wall_seconds", real_json(timing.wall_seconds)},
          {"data_wait_seconds", real_json(timing.data_wait_seconds)},
          {"samples_per_second", real_json(timing.samples_per_second)},
          {"peak_rss_bytes", timing.peak_rss_bytes}};
}

json epoch_json(const EpochRecord& epoch) {
  return {{"epoch", epoch.epoch},
          {"train_loss", real_json(epoch.train_loss)},
          {"val", metrics_to_json(epoch.val)},
          {"weights_sha256", epoch.weights_sha256},
          {"chain_sha256", epoch.chain_sha256},
          {"seconds", real_json(epoch.seconds)},
          {"data_wait_seconds", real_json(epoch.data_wait_seconds)},
          {"lr", epoch.lr ? real_json(*epoch.lr) : json()}};
}

json last_json(const LastCheckpoint& last) {
  return {{"epoch", last.epoch}, {"checkpoint", last.checkpoint}, {"checkpoint_sha256", last.checkpoint_sha256}};
}

std::optional<LastCheckpoint> read_last(const RecordField& field) {
  if (!field.recorded()) return std::nullopt;
  return LastCheckpoint{field["epoch"].integer(), field["checkpoint"].text(), field["checkpoint_sha256"].text()};
}

json best_json(const BestCheckpoint& best) {
  return {{"epoch", best.epoch},
          {"metric", best.metric},
          {"value", real_json(best.value)},
          {"checkpoint", best.checkpoint},
          {"checkpoint_sha256", best.checkpoint_sha256}};
}

// --- from_json -----------------------------------------------------------------------------------

void check_format(const RecordField& field) {
  const std::int64_t format = field.integer();
  if (format > kRunRecordFormat)
    throw Error(field.subject(),
                "has format " + std::to_string(format) + ": written by a newer eorun (this one reads "
                    "formats " + std::to_string(kOldestRunRecordFormat) + " to " +
                    std::to_string(kRunRecordFormat) + ")",
                "upgrade eorun");
  if (format < kOldestRunRecordFormat)
    field.fail("is " + std::to_string(format) + "; formats start at " +
               std::to_string(kOldestRunRecordFormat));
}

MetricValues read_metrics(const RecordField& field) {
  MetricValues metrics;
  for (const auto& [name, value] : field.members()) metrics.emplace(name, value.real());
  return metrics;
}

PluginRecord read_plugin(const RecordField& field) {
  field.object();
  return {field["role"].text(), field["name"].text(), field["version"].text(),
          field["sha256"].text(), field["path"].text()};
}

std::optional<DataSummary> read_data(const RecordField& field) {
  if (!field.recorded()) return std::nullopt;
  DataSummary data;
  data.manifest_sha256 = field["manifest_sha256"].text();
  data.base = field["base"].text();
  data.file_count = field["file_count"].integer();
  data.byte_count = field["byte_count"].integer();
  data.band_names = field["band_names"].texts();
  data.class_names = field["class_names"].texts();
  data.task = field["task"].text();
  const RecordField samples = field["samples"];
  samples.object();
  data.samples = {samples["train"].integer(), samples["val"].integer(), samples["test"].integer()};
  const RecordField normalisation = field["normalisation"];
  normalisation.object();
  data.normalisation = {normalisation["mean"].reals(), normalisation["std"].reals(),
                        normalisation["method"].optional_text().value_or(""),
                        normalisation["source"].optional_text().value_or("")};
  for (const RecordField& group : field["inputs"].elements()) {
    data.inputs.push_back({group["name"].text(), group["bands"].texts(),
                           group["resolution_m"].real(), group["shape"].integers()});
  }
  const RecordField counts = field["class_counts"];
  if (counts.recorded()) {
    data.class_counts = ClassCountsRecord{counts["samples"].integer(), counts["per_class"].integers()};
  }
  if (field["notes"].recorded()) data.notes = field["notes"].texts();
  data.cache = field["cache"].optional_object();
  return data;
}

ParamFileRecord read_param_file(const RecordField& field) {
  field.object();
  ParamFileRecord file{field["key"].text(), field["path"].text(), field["kind"].text(),
                       std::nullopt, std::nullopt};
  if (file.kind == "file") {  // hashed: its size and sha256 are required
    file.size = field["size"].integer();
    file.sha256 = field["sha256"].text();
  }
  return file;
}

std::optional<RunEnvironment> read_env(const RecordField& field) {
  if (!field.recorded()) return std::nullopt;
  RunEnvironment env;
  env.eorun_version = field["eorun_version"].text();
  env.git_commit = field["git_commit"].text();
  env.build_id = field["build_id"].text();
  env.other = field.object();
  for (const char* named : {"eorun_version", "git_commit", "build_id"}) env.other.erase(named);
  return env;
}

std::optional<RunTiming> read_timing(const RecordField& field) {
  if (!field.recorded()) return std::nullopt;
  return RunTiming{field["wall_seconds"].real(), field["data_wait_seconds"].real(),
                   field["samples_per_second"].real(), field["peak_rss_bytes"].integer()};
}

EpochRecord read_epoch(const RecordField& field) {
  field.object();
  EpochRecord epoch;
  epoch.epoch = field["epoch"].integer();
  epoch.train_loss = field["train_loss"].real();
  field["val"].object();
  epoch.val = read_metrics(field["val"]);
  epoch.weights_sha256 = field["weights_sha256"].text();
  epoch.chain_sha256 = field["chain_sha256"].text();
  epoch.seconds = field["seconds"].real();
  epoch.data_wait_seconds = field["data_wait_seconds"].real();
  epoch.lr = field["lr"].optional_real();
  return epoch;
}

std::optional<BestCheckpoint> read_best(const RecordField& field) {
  if (!field.recorded()) return std::nullopt;
  return BestCheckpoint{field["epoch"].integer(), field["metric"].text(), field["value"].real(),
                        field["checkpoint"].text(), field["checkpoint_sha256"].text()};
}

json per_class_json(const std::map<std::string, std::vector<double>>& per_class) {
  json out = json::object();
  for (const auto& [name, values] : per_class) out[name] = reals_json(values);
  return out;
}

json lineage_json(const Lineage& lineage) {
  json out = {{"parent_run_id", lineage.parent_run_id},
              {"checkpoint_sha256", lineage.checkpoint_sha256},
              {"head_reinitialised", lineage.head_reinitialised},
              {"tensors_loaded", lineage.tensors_loaded}};
  if (lineage.file)
    out["file"] = {{"path", lineage.file->path},
                   {"format", lineage.file->format},
                   {"found_under", lineage.file->found_under},
                   {"key_prefix", lineage.file->key_prefix},
                   {"missing", lineage.file->missing},
                   {"unexpected", lineage.file->unexpected}};
  if (lineage.band_adaptation) {
    const BandAdaptationRecord& bands = *lineage.band_adaptation;
    out["band_adaptation"] = {{"method", bands.method},     {"layer", bands.layer},
                              {"pretrained_bands", bands.pretrained_bands},
                              {"bands", bands.bands},       {"copied", bands.copied},
                              {"filled", bands.filled},     {"note", bands.note},
                              {"summary", bands.summary}};
  }
  return out;
}

std::optional<Lineage> read_lineage(const RecordField& field) {
  if (!field.recorded()) return std::nullopt;
  Lineage lineage{field["parent_run_id"].text(), field["checkpoint_sha256"].text(),
                  field["head_reinitialised"].boolean(), field["tensors_loaded"].integer(), std::nullopt};
  const RecordField file = field["file"];
  if (file.recorded())
    lineage.file = WeightsFileSource{file["path"].text(),        file["format"].text(),
                                     file["found_under"].text(), file["key_prefix"].text(),
                                     file["missing"].texts(),    file["unexpected"].texts()};
  const RecordField bands = field["band_adaptation"];
  if (bands.recorded())
    lineage.band_adaptation = BandAdaptationRecord{
        bands["method"].text(), bands["layer"].text(),  bands["pretrained_bands"].texts(),
        bands["bands"].texts(), bands["copied"].texts(), bands["filled"].texts(),
        bands["note"].text(),   bands["summary"].text()};
  return lineage;
}

json finetune_json(const FinetuneRecord& finetune) {
  json groups = json::array();
  for (const GroupRecord& g : finetune.groups)
    groups.push_back({{"name", g.name},
                      {"trained", g.trained},
                      {"parameters", g.parameters},
                      {"start_sha256", g.start_sha256},
                      {"end_sha256", optional_json(g.end_sha256)}});
  return {{"level", finetune.level}, {"groups", groups}};
}

std::optional<FinetuneRecord> read_finetune(const RecordField& field) {
  if (!field.recorded()) return std::nullopt;
  FinetuneRecord finetune;
  finetune.level = field["level"].text();
  if (!field["groups"].recorded()) field["groups"].fail("is missing");
  for (const RecordField& g : field["groups"].elements())
    finetune.groups.push_back({g["name"].text(), g["trained"].boolean(), g["parameters"].integer(),
                               g["start_sha256"].text(), g["end_sha256"].optional_text()});
  return finetune;
}

json cost_json(const RunCost& cost) {
  auto optional_real = [](const std::optional<double>& v) { return v ? real_json(*v) : json(); };
  return {{"parameters_total", cost.parameters_total},
          {"parameters_trainable", cost.parameters_trainable},
          {"cpu_seconds", optional_real(cost.cpu_seconds)},
          {"energy_j", optional_real(cost.energy_j)},
          {"gpu_energy_j", optional_real(cost.gpu_energy_j)},
          {"co2_g", optional_real(cost.co2_g)}};
}

std::optional<RunCost> read_cost(const RecordField& field) {
  if (!field.recorded()) return std::nullopt;
  return RunCost{field["parameters_total"].integer(), field["parameters_trainable"].integer(),
                 field["cpu_seconds"].optional_real(), field["energy_j"].optional_real(),
                 field["gpu_energy_j"].optional_real(), field["co2_g"].optional_real()};
}

std::string subject_of(const json& document) {
  auto id = document.find("run_id");
  if (id != document.end() && id->is_string() && registry::is_hex_id(id->get<std::string>()))
    return "run record " + id->get<std::string>();
  return "run record";
}

}  // namespace

json metrics_to_json(const MetricValues& metrics) {
  json out = json::object();
  for (const auto& [name, value] : metrics) out[name] = real_json(value);
  return out;
}

bool FinetuneRecord::has_frozen() const {
  for (const GroupRecord& g : groups)
    if (!g.trained) return true;
  return false;
}

bool FinetuneRecord::frozen_verified() const {
  if (!has_frozen()) return false;
  for (const GroupRecord& g : groups)
    if (!g.trained && (!g.end_sha256 || *g.end_sha256 != g.start_sha256)) return false;
  return true;
}

const EpochRecord* RunRecord::best_epoch() const {
  if (!best) return nullptr;
  for (const EpochRecord& epoch : epochs)
    if (epoch.epoch == best->epoch) return &epoch;
  return nullptr;
}

json RunRecord::to_json() const {
  json plugin_list = json::array();
  for (const PluginRecord& plugin : plugins) plugin_list.push_back(plugin_json(plugin));
  json epoch_list = json::array();
  for (const EpochRecord& epoch : epochs) epoch_list.push_back(epoch_json(epoch));
  return {
      {"format", kRunRecordFormat},
      {"run_id", run_id},
      {"status", to_string(status)},
      {"reason", reason},
      {"spec", spec},
      {"identity", identity},
      {"plugins", plugin_list},
      {"param_files", param_files_json(param_files)},
      {"data", data ? data_json(*data) : json()},
      {"env", env ? env_json(*env) : json()},
      {"seed", optional_json(seed)},
      {"threads", optional_json(threads)},
      {"started_at", optional_json(started_at)},
      {"finished_at", optional_json(finished_at)},
      {"timing", timing ? timing_json(*timing) : json()},
      {"epochs", epoch_list},
      {"test", metrics_to_json(test)},
      {"test_per_class", per_class_json(test_per_class)},
      {"test_confusion", test_confusion},
      {"best", best ? best_json(*best) : json()},
      {"last", last ? last_json(*last) : json()},
      {"stopped_early", stopped_early ? json{{"epoch", stopped_early->epoch},
                                             {"reason", stopped_early->reason}}
                                      : json()},
      {"lineage", lineage ? lineage_json(*lineage) : json()},
      {"finetune", finetune ? finetune_json(*finetune) : json()},
      {"cost", cost ? cost_json(*cost) : json()},
      {"final_weights_sha256", optional_json(final_weights_sha256)},
      {"predictions", optional_json(predictions)},
      {"bundle", optional_json(bundle)},
  };
}

RunRecord RunRecord::from_json(const json& document) {
  if (!document.is_object())
    throw Error("run record", std::string("should be a JSON object, got ") + document.type_name(),
                registry::kMalformedRecordRemedy);
  const std::string subject = subject_of(document);
  const RecordField root(document, subject);
  check_format(root["format"]);

  RunRecord record;
  record.run_id = root["run_id"].text();
  if (!registry::is_hex_id(record.run_id))
    root["run_id"].fail("should be 64 lower-case hex digits, got " + root["run_id"].any().dump());
  const std::optional<RunStatus> status = run_status_from_string(root["status"].text());
  if (!status)
    root["status"].fail("should be " + run_status_choices() + ", got " +
                        root["status"].any().dump());
  record.status = *status;
  record.reason = root["reason"].optional_text().value_or("");
  record.spec = root["spec"].object();
  record.identity = root["identity"].optional_object();
  for (const RecordField& plugin : root["plugins"].elements())
    record.plugins.push_back(read_plugin(plugin));
  for (const RecordField& file : root["param_files"].elements())
    record.param_files.push_back(read_param_file(file));
  record.data = read_data(root["data"]);
  record.env = read_env(root["env"]);
  record.seed = root["seed"].optional_integer();
  record.threads = root["threads"].optional_integer();
  record.started_at = root["started_at"].optional_text();
  record.finished_at = root["finished_at"].optional_text();
  record.timing = read_timing(root["timing"]);
  for (const RecordField& epoch : root["epochs"].elements())
    record.epochs.push_back(read_epoch(epoch));
  record.test = read_metrics(root["test"]);
  for (const auto& [name, values] : root["test_per_class"].members())
    record.test_per_class[name] = values.reals();
  for (const RecordField& row : root["test_confusion"].elements())
    record.test_confusion.push_back(row.integers());
  record.best = read_best(root["best"]);
  record.last = read_last(root["last"]);
  if (record.best && record.best_epoch() == nullptr)
    root["best"]["epoch"].fail("is " + std::to_string(record.best->epoch) +
                               ", which is not among the recorded epochs");
  const RecordField stopped = root["stopped_early"];
  if (stopped.recorded())
    record.stopped_early = EarlyStop{stopped["epoch"].integer(), stopped["reason"].text()};
  record.lineage = read_lineage(root["lineage"]);
  record.finetune = read_finetune(root["finetune"]);
  record.cost = read_cost(root["cost"]);
  record.final_weights_sha256 = root["final_weights_sha256"].optional_text();
  record.predictions = root["predictions"].optional_text();
  record.bundle = root["bundle"].optional_text();
  return record;
}

}  // namespace eorun
