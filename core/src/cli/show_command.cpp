// eorun show RUN_ID: everything recorded for one run, hashes included.
#include <algorithm>
#include <array>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/registry_path.hpp"
#include "eorun/error.hpp"
#include "registry/registry.hpp"
#include "registry/spec_leaves.hpp"
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

const json& field(const json& object, const char* key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

std::string text(const json& value) {
  if (value.is_null()) return "-";
  return leaf_text(value);
}

std::string metric_text(const json& value) {
  if (value.is_number()) return format_number(value.get<double>());
  return value.is_null() ? "nan" : text(value);
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

void print_identity(const json& record, const RunSummary& summary) {
  std::string status = summary.status;
  if (!summary.reason.empty()) status += ": " + summary.reason;
  status += " (attempt " + std::to_string(summary.attempt) + ")";
  std::cout << "run       " << summary.run_id << "\n"
            << "status    " << status << "\n"
            << "started   " << text(field(record, "started_at")) << "\n"
            << "finished  " << text(field(record, "finished_at")) << "\n"
            << "ingested  " << summary.ingested_at << "\n"
            << "seed      " << text(field(record, "seed")) << ", threads "
            << text(field(record, "threads")) << "\n"
            << "bundle    " << text(field(record, "bundle")) << "\n";
}

void print_plugins(const json& record) {
  TextTable table({"role", "name", "version", "sha256", "path"});
  const json& plugins = field(record, "plugins");
  if (plugins.is_array())
    for (const json& plugin : plugins)
      table.add_row({text(field(plugin, "role")), text(field(plugin, "name")),
                     text(field(plugin, "version")), text(field(plugin, "sha256")),
                     text(field(plugin, "path"))});
  print_table_section("plugins", table);
}

void print_epochs(const json& record) {
  const json& epochs = field(record, "epochs");
  if (!epochs.is_array() || epochs.empty()) return;
  // Columns: the selection metric first, then headline metrics the epochs recorded.
  std::vector<std::string> metrics;
  auto add_metric = [&](const std::string& name) {
    if (metrics.size() >= kEpochValMetrics) return;
    if (std::find(metrics.begin(), metrics.end(), name) != metrics.end()) return;
    for (const json& epoch : epochs)
      if (field(epoch, "val").is_object() && field(epoch, "val").contains(name)) {
        metrics.push_back(name);
        return;
      }
  };
  const json& selection = field(field(record, "best"), "metric");
  if (selection.is_string()) add_metric(selection.get<std::string>());
  for (const char* name : kHeadlineMetrics) add_metric(name);

  std::vector<std::string> header = {"epoch", "train_loss"};
  for (const std::string& name : metrics) header.push_back("val " + name);
  header.insert(header.end(), {"seconds", "data wait", "weights sha256"});
  TextTable table(header);
  for (const json& epoch : epochs) {
    std::vector<std::string> cells = {text(field(epoch, "epoch")),
                                      metric_text(field(epoch, "train_loss"))};
    for (const std::string& name : metrics) {
      const json& val = field(epoch, "val");
      cells.push_back(val.is_object() && val.contains(name) ? metric_text(val[name]) : "-");
    }
    const json& weights = field(epoch, "weights_sha256");
    cells.push_back(metric_text(field(epoch, "seconds")));
    cells.push_back(metric_text(field(epoch, "data_wait_seconds")));
    cells.push_back(weights.is_string() ? weights.get<std::string>().substr(0, kHashPrefix) : "-");
    table.add_row(std::move(cells));
  }
  print_table_section("epochs", table);
}

void print_results(const json& record) {
  Pairs test;
  const json& metrics = field(record, "test");
  if (metrics.is_object())
    for (const auto& [name, value] : metrics.items()) test.emplace_back(name, metric_text(value));
  print_section("test metrics", test);

  Pairs hashes;
  const json& best = field(record, "best");
  if (best.is_object()) {
    hashes.emplace_back("best epoch", text(field(best, "epoch")) + " (val " +
                                          text(field(best, "metric")) + " " +
                                          metric_text(field(best, "value")) + ")");
    std::string checkpoint = text(field(best, "checkpoint"));
    const json& bundle = field(record, "bundle");
    if (bundle.is_string() && field(best, "checkpoint").is_string() &&
        std::filesystem::path(checkpoint).is_relative())
      checkpoint = (std::filesystem::path(bundle.get<std::string>()) / checkpoint).string();
    hashes.emplace_back("checkpoint", checkpoint);
    hashes.emplace_back("checkpoint sha256", text(field(best, "checkpoint_sha256")));
  }
  hashes.emplace_back("final weights sha256", text(field(record, "final_weights_sha256")));
  const json& epochs = field(record, "epochs");
  if (epochs.is_array() && !epochs.empty())
    hashes.emplace_back("weights chain sha256", text(field(epochs.back(), "chain_sha256")));
  print_section("weights", hashes);
}

}  // namespace

void execute(const ShowArgs& options, AppContext& context) {
  Registry registry = Registry::open(existing_registry_path(context));
  const std::string run_id = registry.resolve_run_id(options.run);
  const std::optional<json> record = registry.load_record(run_id);
  const std::optional<RunSummary> summary = registry.run_summary(run_id);
  if (!record || !summary)  // removed between the two reads
    throw Error("run " + run_id, "is no longer in " + registry.path().string(),
                "list runs with `eorun query`");
  if (options.format == "json") {
    std::cout << record->dump(2) << "\n";
    return;
  }
  print_identity(*record, *summary);
  print_section("spec", leaves_of(field(*record, "spec")));
  print_plugins(*record);
  print_section("data", leaves_of(field(*record, "data")));
  print_section("environment", leaves_of(field(*record, "env")));
  print_section("timing", leaves_of(field(*record, "timing"), Numbers::rounded));
  print_epochs(*record);
  print_results(*record);
}

}  // namespace eorun
