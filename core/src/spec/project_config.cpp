#include "spec/project_config.hpp"

#include <cmath>
#include <set>

#include "eorun/error.hpp"
#include "spec/toml_to_json.hpp"

namespace eorun {

namespace {

constexpr const char* kFileName = "eorun.toml";

std::optional<std::filesystem::path> find_upwards(std::filesystem::path dir) {
  std::error_code ec;
  dir = std::filesystem::absolute(dir, ec);
  for (;;) {
    std::filesystem::path candidate = dir / kFileName;
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

void check_keys(const std::string& file, const std::string& section, const nlohmann::json& table,
                const std::set<std::string>& valid) {
  if (!table.is_object())
    throw Error(file + ": [" + section + "]", "is not a table", "write it as [" + section + "]");
  for (const auto& [key, value] : table.items()) {
    if (valid.count(key) && value.is_string()) continue;
    std::string list;
    for (const auto& v : valid) list += (list.empty() ? "" : ", ") + v;
    if (valid.count(key))
      throw Error(file + ": " + section + "." + key, "expected a string path", "e.g. " + key + " = \"...\"");
    throw Error(file + ": " + section + "." + key, "unknown key", "valid keys: " + list);
  }
}

// [energy]: grid_intensity = <g CO2-eq per kWh>, a number above 0.
std::optional<double> read_grid_intensity(const std::string& file, const nlohmann::json& table) {
  constexpr const char* kExample = "e.g. grid_intensity = 350 (g CO2-eq per kWh)";
  if (!table.is_object())
    throw Error(file + ": [energy]", "is not a table", "write grid_intensity = ... under [energy]");
  std::optional<double> intensity;
  for (const auto& [key, value] : table.items()) {
    const std::string subject = file + ": energy." + key;
    if (key != "grid_intensity") throw Error(subject, "unknown key", "valid keys: grid_intensity");
    if (!value.is_number())
      throw Error(subject,
                  std::string("expected a number, got ") + value.type_name() + " " + value.dump(),
                  kExample);
    const double number = value.get<double>();
    if (!std::isfinite(number) || number <= 0) {
      const std::string shown = std::isnan(number)   ? "nan"
                                : std::isinf(number) ? (number > 0 ? "inf" : "-inf")
                                                     : value.dump();
      throw Error(subject, "must be a number above 0 (grams of CO2-eq per kWh), got " + shown,
                  std::string("give your electricity's carbon intensity, ") + kExample);
    }
    intensity = number;
  }
  return intensity;
}

}  // namespace

ProjectConfig load_project_config(const std::filesystem::path& start) {
  ProjectConfig config;
  std::error_code ec;
  std::filesystem::path base = std::filesystem::absolute(start, ec);
  config.file = find_upwards(start);
  nlohmann::json doc = nlohmann::json::object();
  if (config.file) {
    base = config.file->parent_path();
    doc = load_toml_as_json(*config.file);
  }
  const std::string name = config.file ? config.file->string() : kFileName;
  auto path_of = [&](const nlohmann::json& table, const char* key, const char* fallback) {
    std::filesystem::path p = table.is_object() && table.contains(key)
                                  ? table.at(key).get<std::string>()
                                  : std::string(fallback);
    return (base / p).lexically_normal();
  };
  for (const auto& [section, table] : doc.items()) {
    if (section == "registry") {
      check_keys(name, section, table, {"path"});
    } else if (section == "paths") {
      check_keys(name, section, table, {"runs", "cache"});
    } else if (section == "data") {
      if (!table.is_object()) throw Error(name + ": [data]", "is not a table", "write name = \"path\" lines under [data]");
      for (const auto& [key, value] : table.items()) {
        if (!value.is_string())
          throw Error(name + ": data." + key, "expected a string path", "e.g. " + key + " = \"data/" + key + "\"");
        config.data_roots[key] = (base / value.get<std::string>()).lexically_normal();
      }
    } else if (section == "energy") {
      config.grid_intensity = read_grid_intensity(name, table);
    } else if (section == "slurm") {
      config.slurm = read_slurm_options(name, table);
    } else {
      throw Error(name + ": [" + section + "]", "unknown section",
                  "valid sections: registry, paths, data, energy, slurm");
    }
  }
  config.registry = path_of(doc.value("registry", nlohmann::json()), "path", "eorun.db");
  const nlohmann::json paths = doc.value("paths", nlohmann::json());
  config.runs_dir = path_of(paths, "runs", "runs");
  config.cache_dir = path_of(paths, "cache", ".eorun-cache");
  return config;
}

}  // namespace eorun
