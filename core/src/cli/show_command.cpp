// eorun show RUN_ID: everything recorded for one run, hashes included.
#include <algorithm>
#include <array>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/registry_path.hpp"
#include "eorun/error.hpp"
#include "registry/registry.hpp"
#include "registry/run_record.hpp"
#include "registry/spec_leaves.hpp"
#include "util/joined.hpp"
#include "util/text_table.hpp"

namespace eorun {

namespace {

using nlohmann::json;

constexpr std::size_t kHashPrefix = 12;
constexpr std::size_t kEpochValMetrics = 4;
constexpr int kTimingDigits = 6;
// Validation metrics the epoch table prefers, after the run's selection metric.
constexpr std::array<const char*, 5> kHeadlineMetrics = {"f1_macro", "f1_micro", "map_macro",
                                                         "map_micro", "accuracy"};

using Pairs = std::vector<std::pair<std::string, std::string>>;

std::string text(const json& value) {
  if (value.is_null()) return "-";
  return leaf_text(value);
}

template <typename T>
std::string text(const std::optional<T>& value) {
  return value ? text(json(*value)) : "-";
}

// A metric of `metrics`: "-" when not recorded, "nan" when not a number.
std::string metric_text(const MetricValues& metrics, const std::string& name) {
  auto it = metrics.find(name);
  return it == metrics.end() ? "-" : format_number(it->second);
}

void print_section(const std::string& title, const Pairs& pairs) {
  if (pairs.empty()) return;
  std::size_t width = 0;
  for (const auto& [key, value] : pairs) width = std::max(width, key.size());
  std::cout << "\n" << title << ":\n";
  for (const auto& [key, value] : pairs)
    std::cout << "  " << key << std::string(width - key.size() + 2, ' ') << value << "\n";
}

void print_table_section(const std::string& title, const TextTable& table) {
  if (table.row_count() == 0) return;
  std::ostringstream buffer;
  table.print(buffer);
  std::cout << "\n" << title << ":\n";
  std::istringstream lines(buffer.str());
  for (std::string line; std::getline(lines, line);) std::cout << "  " << line << "\n";
}

enum class Numbers { exact, rounded };

// Every leaf of an object (spec, data, env, timing) as dotted key / value lines.
Pairs leaves_of(const json& object, Numbers numbers = Numbers::exact) {
  Pairs pairs;
  for (const auto& [key, value] : spec_leaves(object)) {
    const bool round = numbers == Numbers::rounded && value.is_number_float();
    pairs.emplace_back(key,
                       round ? format_number(value.get<double>(), kTimingDigits) : text(value));
  }
  return pairs;
}

void print_identity(const RunRecord& record, const RunSummary& summary) {
  std::string status = to_string(summary.status);
  if (!summary.reason.empty()) status += ": " + summary.reason;
  status += " (attempt " + std::to_string(summary.attempt) + ")";
  std::cout << "run       " << summary.run_id << "\n"
            << "status    " << status << "\n"
            << "started   " << text(record.started_at) << "\n"
            << "finished  " << text(record.finished_at) << "\n"
            << "ingested  " << summary.ingested_at << "\n"
            << "seed      " << text(record.seed) << ", threads " << text(record.threads) << "\n"
            << "bundle    " << text(record.bundle) << "\n";
}

void print_plugins(const RunRecord& record) {
  TextTable table({"role", "name", "version", "sha256", "path"});
  for (const PluginRecord& plugin : record.plugins)
    table.add_row({plugin.role, plugin.name, plugin.version, plugin.sha256, plugin.path});
  print_table_section("plugins", table);
}

// The files the spec's path parameters name, as hashed into the run's identity.
void print_param_files(const RunRecord& record) {
  TextTable table({"key", "kind", "sha256", "path"});
  for (const ParamFileRecord& file : record.param_files)
    table.add_row({file.key, file.kind, file.sha256.value_or("-"), file.path});
  print_table_section("files named by the spec", table);
}

void print_epochs(const RunRecord& record) {
  if (record.epochs.empty()) return;
  // Columns: the selection metric first, then headline metrics the epochs recorded.
  std::vector<std::string> metrics;
  auto add_metric = [&](const std::string& name) {
    if (metrics.size() >= kEpochValMetrics) return;
    if (std::find(metrics.begin(), metrics.end(), name) != metrics.end()) return;
    for (const EpochRecord& epoch : record.epochs)
      if (epoch.val.count(name)) {
        metrics.push_back(name);
        return;
      }
  };
  if (record.best) add_metric(record.best->metric);
  for (const char* name : kHeadlineMetrics) add_metric(name);

  std::vector<std::string> header = {"epoch", "lr", "train_loss"};
  for (const std::string& name : metrics) header.push_back("val " + name);
  header.insert(header.end(), {"seconds", "data wait", "weights sha256"});
  TextTable table(header);
  for (const EpochRecord& epoch : record.epochs) {
    std::vector<std::string> cells = {std::to_string(epoch.epoch),
                                      epoch.lr ? format_number(*epoch.lr) : std::string("-"),
                                      format_number(epoch.train_loss)};
    for (const std::string& name : metrics) cells.push_back(metric_text(epoch.val, name));
    cells.push_back(format_number(epoch.seconds));
    cells.push_back(format_number(epoch.data_wait_seconds));
    cells.push_back(epoch.weights_sha256.substr(0, kHashPrefix));
    table.add_row(std::move(cells));
  }
  print_table_section("epochs", table);
  if (record.stopped_early)
    std::cout << "  stopped early after epoch " << record.stopped_early->epoch << ": "
              << record.stopped_early->reason << "\n";
}

void print_results(const RunRecord& record) {
  Pairs test;
  for (const auto& [name, value] : record.test) test.emplace_back(name, format_number(value));
  print_section("test metrics", test);

  Pairs hashes;
  if (const std::optional<BestCheckpoint>& best = record.best) {
    hashes.emplace_back("best epoch", std::to_string(best->epoch) + " (val " + best->metric + " " +
                                          format_number(best->value) + ")");
    std::filesystem::path checkpoint = best->checkpoint;
    if (record.bundle && checkpoint.is_relative())
      checkpoint = std::filesystem::path(*record.bundle) / checkpoint;
    hashes.emplace_back("checkpoint", checkpoint.string());
    hashes.emplace_back("checkpoint sha256", best->checkpoint_sha256);
  }
  hashes.emplace_back("final weights sha256", text(record.final_weights_sha256));
  if (!record.epochs.empty())
    hashes.emplace_back("weights chain sha256", record.epochs.back().chain_sha256);
  print_section("weights", hashes);
}

// The chain of runs this one started from: parent, grandparent, ... (each from the registry).
// Where the weights of a run that started from a file came from, and what of them fitted.
void print_weights_file(const Lineage& lineage) {
  const WeightsFileSource& file = *lineage.file;
  const auto some = [](const std::vector<std::string>& names) {
    std::string out = std::to_string(names.size());
    for (std::size_t i = 0; i < names.size() && i < 3; ++i) out += (i ? ", " : ": ") + names[i];
    return names.size() > 3 ? out + ", ..." : out;
  };
  print_section("pretrained weights file",
                {{"path", file.path},
                 {"format", file.format + (file.found_under.empty() ? "" : " (state dict under '" + file.found_under + "')")},
                 {"sha256", lineage.checkpoint_sha256},
                 {"key prefix dropped", file.key_prefix.empty() ? "-" : file.key_prefix},
                 {"tensors loaded", std::to_string(lineage.tensors_loaded)},
                 {"head", lineage.head_reinitialised ? "re-initialised (not in the file, or another shape)" : "loaded"},
                 {"model tensors not in the file", some(file.missing)},
                 {"file tensors not in the model", some(file.unexpected)}});
}

// How the pretrained first layer was fitted to the run's bands.
void print_band_adaptation(const BandAdaptationRecord& bands) {
  std::vector<std::pair<std::string, std::string>> rows = {
      {"method", bands.method},
      {"layer", bands.layer},
      {"pretrained bands", joined(bands.pretrained_bands)},
      {"run bands", joined(bands.bands)},
      {"result", bands.summary}};
  if (!bands.note.empty()) rows.emplace_back("note", bands.note);
  print_section("band adaptation", rows);
}

void print_lineage(const RunRecord& record, const Registry& registry) {
  if (!record.lineage) return;
  if (record.lineage->band_adaptation) print_band_adaptation(*record.lineage->band_adaptation);
  if (record.lineage->file) return print_weights_file(*record.lineage);
  TextTable table({"generation", "run", "model", "data", "finetune", "checkpoint sha256", "head"});
  std::optional<Lineage> link = record.lineage;
  std::set<std::string> seen = {record.run_id};
  for (int generation = 1; link; ++generation) {
    const std::string id = link->parent_run_id;
    const std::string head = link->head_reinitialised ? "re-initialised" : "loaded";
    const std::optional<RunRecord> parent = seen.insert(id).second ? registry.load_run_record(id) : std::nullopt;
    if (!parent) {
      table.add_row({std::to_string(generation), id.substr(0, kHashPrefix), "(not in the registry)", "-",
                     "-", link->checkpoint_sha256.substr(0, kHashPrefix), head});
      break;
    }
    auto section = [&](const char* name) {
      auto it = parent->spec.find(name);
      return it != parent->spec.end() && it->contains("plugin") ? it->at("plugin").get<std::string>() : "-";
    };
    table.add_row({std::to_string(generation), id.substr(0, kHashPrefix), section("model"), section("dataset"),
                   parent->finetune ? parent->finetune->level : "-",
                   link->checkpoint_sha256.substr(0, kHashPrefix), head});
    link = parent->lineage;
  }
  print_table_section("lineage (parent first)", table);
}

// What the run cost, under the names `eorun query` knows them by, with units; "-" where a figure
// could not be measured.
void print_cost(const RunRecord& record) {
  if (!record.cost) return;
  constexpr double kJoulesPerKwh = 3.6e6;
  const RunCost& cost = *record.cost;
  auto figure = [](const std::optional<double>& value, const std::string& unit) {
    return value ? format_number(*value, kTimingDigits) + " " + unit : std::string("- (not measured)");
  };
  auto energy = [&](const std::optional<double>& joules, const std::string& what) {
    if (!joules) return figure(joules, "");
    return figure(joules, "J = " + format_number(*joules / kJoulesPerKwh, kTimingDigits) +
                              " kWh (" + what + ")");
  };
  std::string co2 = figure(cost.co2_g, "g CO2-eq");
  if (!cost.co2_g && (cost.energy_j || cost.gpu_energy_j))
    co2 = "- (no [energy] grid_intensity was set)";
  const std::map<std::string, json> spec = spec_leaves(record.spec);
  const auto device = spec.find("train.device");  // absent from specs before train.device
  const bool on_cpu = device == spec.end() || device->second == "cpu";
  std::string gpu = energy(cost.gpu_energy_j, "GPU");
  if (!cost.gpu_energy_j && on_cpu) gpu = "- (trained on the CPU)";
  print_section("cost", {{"parameters_total", std::to_string(cost.parameters_total)},
                         {"parameters_trainable", std::to_string(cost.parameters_trainable)},
                         {"cpu_seconds", figure(cost.cpu_seconds, "s (user + system)")},
                         {"energy_j", energy(cost.energy_j, "CPU packages")},
                         {"gpu_energy_j", gpu},
                         {"co2_g", co2}});
}

// Which module groups trained, and the proof that the frozen ones did not move.
void print_finetune(const RunRecord& record) {
  if (!record.finetune) return;
  const FinetuneRecord& finetune = *record.finetune;
  TextTable table({"group", "trained", "parameters", "start sha256", "end sha256"});
  for (const GroupRecord& g : finetune.groups)
    table.add_row({g.name, g.trained ? "yes" : "frozen", std::to_string(g.parameters),
                   g.start_sha256.substr(0, kHashPrefix),
                   g.end_sha256 ? g.end_sha256->substr(0, kHashPrefix) : std::string("-")});
  print_table_section("fine-tuning (" + finetune.level + ")", table);
  if (!finetune.has_frozen()) return;
  bool ended = true;
  for (const GroupRecord& g : finetune.groups) ended = ended && g.end_sha256.has_value();
  if (finetune.frozen_verified())
    std::cout << "  frozen groups verified bit-identical\n";
  else if (ended)
    std::cout << "  FROZEN GROUPS CHANGED: the run failed its fine-tuning check\n";
  else
    std::cout << "  frozen groups not verified: the run ended before its kept weights were hashed\n";
}

// Per-class test values, and the confusion matrix of a single-label run.
void print_per_class(const RunRecord& record) {
  if (record.test_per_class.empty()) return;
  const std::vector<std::string> names =
      record.data ? record.data->class_names : std::vector<std::string>();
  std::vector<std::string> header = {"#", "class"};
  for (const auto& [metric, values] : record.test_per_class) header.push_back(metric);
  TextTable table(header);
  const std::size_t classes = record.test_per_class.begin()->second.size();
  for (std::size_t k = 0; k < classes; ++k) {
    std::vector<std::string> row = {std::to_string(k), k < names.size() ? names[k] : "-"};
    for (const auto& [metric, values] : record.test_per_class)
      row.push_back(k < values.size() ? format_number(values[k]) : "-");
    table.add_row(std::move(row));
  }
  print_table_section("test metrics per class", table);
  if (record.test_confusion.empty()) return;
  std::vector<std::string> columns = {"true \\ predicted"};
  for (std::size_t k = 0; k < record.test_confusion.size(); ++k) columns.push_back(std::to_string(k));
  TextTable confusion(columns);
  for (std::size_t t = 0; t < record.test_confusion.size(); ++t) {
    std::vector<std::string> row = {std::to_string(t) + " " + (t < names.size() ? names[t] : "")};
    for (std::int64_t count : record.test_confusion[t]) row.push_back(std::to_string(count));
    confusion.add_row(std::move(row));
  }
  print_table_section("test confusion matrix (rows: true class, columns: predicted)", confusion);
}

}  // namespace

void execute(const ShowArgs& options, AppContext& context) {
  Registry registry = Registry::open(existing_registry_path(context));
  const std::string run_id = registry.resolve_run_id(options.run);
  const std::optional<json> stored = registry.load_record(run_id);
  const std::optional<RunSummary> summary = registry.run_summary(run_id);
  if (!stored || !summary)  // removed between the two reads
    throw Error("run " + run_id, "is no longer in " + registry.path().string(),
                "list runs with `eorun query`");
  if (options.format == "json") {
    std::cout << stored->dump(2) << "\n";
    return;
  }
  const RunRecord record = RunRecord::from_json(*stored);
  const json written = record.to_json();  // the free-form sections, as this eorun writes them
  print_identity(record, *summary);
  print_section("spec", leaves_of(record.spec));
  print_lineage(record, registry);
  print_plugins(record);
  print_param_files(record);
  print_section("data", leaves_of(written.at("data")));
  print_section("environment", leaves_of(written.at("env")));
  print_section("timing", leaves_of(written.at("timing"), Numbers::rounded));
  print_cost(record);
  print_finetune(record);
  print_epochs(record);
  print_results(record);
  print_per_class(record);
}

}  // namespace eorun
