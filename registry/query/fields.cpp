#include "registry/query/fields.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "registry/sqlite_stmt.hpp"

namespace eorun::query {

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// The Levenshtein distance between two names.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

bool reads_as_number(const std::string& text) {
  const nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
  return !value.is_discarded() && value.is_number();
}

}  // namespace

const std::vector<RecordedField>& recorded_fields() {
  static const std::vector<RecordedField> fields = {
      {"status", "r.status", ValueType::text},
      {"seed", "r.seed", ValueType::number},
      {"threads", "r.threads", ValueType::number},
      {"attempt", "r.attempt", ValueType::number},
      {"run_id", "r.run_id", ValueType::text},
      {"started_at", "r.started_at", ValueType::text},
      {"finished_at", "r.finished_at", ValueType::text},
      {"wall_seconds", "r.wall_seconds", ValueType::number, true,
       "runs r INDEXED BY runs_by_wall_seconds"},
      {"samples_per_second", "r.samples_per_second", ValueType::number, true,
       "runs r INDEXED BY runs_by_samples_per_second"},
      {"peak_rss_bytes", "r.peak_rss_bytes", ValueType::number, true,
       "runs r INDEXED BY runs_by_peak_rss_bytes"},
      {"cpu_seconds", "r.cpu_seconds", ValueType::number, true,
       "runs r INDEXED BY runs_by_cpu_seconds"},
      {"energy_j", "r.energy_j", ValueType::number, true,
       "runs r INDEXED BY runs_by_energy_j"},
      {"gpu_energy_j", "r.gpu_energy_j", ValueType::number, true,
       "runs r INDEXED BY runs_by_gpu_energy_j"},
      {"co2_g", "r.co2_g", ValueType::number, true,
       "runs r INDEXED BY runs_by_co2_g"},
      {"parameters_total", "r.parameters_total", ValueType::number, true,
       "runs r INDEXED BY runs_by_parameters_total"},
      {"parameters_trainable", "r.parameters_trainable", ValueType::number, true,
       "runs r INDEXED BY runs_by_parameters_trainable"},
  };
  return fields;
}

const RecordedField* measured_figure(std::string_view name) {
  for (const RecordedField& field : recorded_fields())
    if (field.figure && name == field.name) return &field;
  return nullptr;
}

std::string measured_figure_names() {
  std::vector<std::string> names;
  for (const RecordedField& field : recorded_fields())
    if (field.figure) names.push_back(field.name);
  return join(names);
}

FieldCatalog FieldCatalog::load(const Registry& registry) {
  const sqlite::Db& db = registry.db();
  // Distinct keys by hopping through the (key, value_text) index: one seek per key.
  sqlite::Stmt keys = db.prepare(
      "WITH RECURSIVE keys (key) AS ("
      "  SELECT min(key) FROM run_params"
      "  UNION ALL"
      "  SELECT (SELECT min(key) FROM run_params WHERE key > keys.key)"
      "  FROM keys WHERE keys.key IS NOT NULL)"
      "SELECT key FROM keys WHERE key IS NOT NULL");
  std::map<std::string, ValueType> spec_keys;
  while (keys.step()) spec_keys.emplace(keys.column_text(0), ValueType::mixed);

  // The types of the values completed runs hold (param_values is small: one row per value).
  std::map<std::string, std::pair<bool, bool>> seen;  // key -> (a number, a text)
  sqlite::Stmt values = db.prepare("SELECT key, value_text FROM param_values");
  while (values.step()) {
    auto& [number, text] = seen[values.column_text(0)];
    (reads_as_number(values.column_text(1)) ? number : text) = true;
  }
  for (const auto& [key, kinds] : seen) {
    auto it = spec_keys.find(key);
    if (it == spec_keys.end()) continue;
    if (kinds.first != kinds.second) it->second = kinds.first ? ValueType::number : ValueType::text;
  }

  std::set<std::string> val_metrics;
  std::set<std::string> test_metrics;
  for (std::string& name : registry.metric_names(MetricSplit::val)) val_metrics.insert(name);
  for (std::string& name : registry.metric_names(MetricSplit::test)) test_metrics.insert(name);
  return FieldCatalog(std::move(spec_keys), std::move(val_metrics), std::move(test_metrics));
}

std::optional<Field> FieldCatalog::find(std::string_view name) const {
  Field field;
  field.name = std::string(name);
  if (name == "sweep") {
    field.kind = FieldKind::sweep;
    field.type = ValueType::text;
    return field;
  }
  for (const RecordedField& recorded : recorded_fields()) {
    if (name != recorded.name) continue;
    field.kind = FieldKind::recorded;
    field.recorded = &recorded;
    field.type = recorded.type;
    return field;
  }
  auto metric = [&](MetricSplit split, std::string_view metric_name) {
    field.kind = FieldKind::metric;
    field.split = split;
    field.key = std::string(metric_name);
    field.name = std::string(to_string(split)) + "." + field.key;
    field.type = ValueType::number;
    return field;
  };
  for (MetricSplit split : {MetricSplit::val, MetricSplit::test}) {
    const std::string prefix = std::string(to_string(split)) + ".";
    const std::set<std::string>& names = split == MetricSplit::val ? val_metrics_ : test_metrics_;
    if (name.substr(0, prefix.size()) == prefix &&
        names.count(std::string(name.substr(prefix.size()))))
      return metric(split, name.substr(prefix.size()));
  }
  if (val_metrics_.count(std::string(name))) return metric(MetricSplit::val, name);
  auto key = spec_keys_.find(std::string(name));
  if (key == spec_keys_.end()) return std::nullopt;
  field.kind = FieldKind::spec_key;
  field.key = key->first;
  field.type = key->second;
  return field;
}

std::vector<std::string> FieldCatalog::spec_keys() const {
  std::vector<std::string> keys;
  for (const auto& [key, type] : spec_keys_) keys.push_back(key);
  return keys;
}

std::string FieldCatalog::known_names(std::string_view unknown) const {
  std::vector<std::string> recorded;
  std::vector<std::string> figures;
  for (const RecordedField& field : recorded_fields())
    (field.figure ? figures : recorded).push_back(field.name);
  recorded.push_back("sweep");
  const std::vector<std::string> keys = spec_keys();
  std::set<std::string> metrics = val_metrics_;
  metrics.insert(test_metrics_.begin(), test_metrics_.end());

  // The closest name: one that ends with ".unknown" (optimizer -> train.optimizer), else one a
  // typo or two away.
  std::vector<std::string> names = recorded;
  names.insert(names.end(), figures.begin(), figures.end());
  names.insert(names.end(), keys.begin(), keys.end());
  for (const std::string& name : val_metrics_) names.push_back("val." + name);
  for (const std::string& name : test_metrics_) names.push_back("test." + name);
  constexpr std::size_t kMaxTypos = 2;
  std::string closest;
  std::size_t closest_distance = kMaxTypos + 1;
  for (const std::string& name : names) {
    if (unknown.empty()) break;
    const std::string suffix = "." + std::string(unknown);
    const bool ends_with = name.size() > suffix.size() &&
                           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    const std::size_t distance = ends_with ? 0 : edit_distance(unknown, name);
    if (distance < closest_distance) {
      closest = name;
      closest_distance = distance;
    }
  }

  std::string text = closest.empty() ? "" : "did you mean '" + closest + "'? ";
  text += "known fields: " + join(recorded);
  text += "; measured figures: " + join(figures);
  text += keys.empty() ? "; no spec keys (no runs yet)" : "; spec keys: " + join(keys);
  if (!metrics.empty())
    text += "; metrics (val.NAME, test.NAME, or NAME for val): " +
            join(std::vector<std::string>(metrics.begin(), metrics.end()));
  return text;
}

}  // namespace eorun::query
