// eorun.toml: the project's settings (where the registry, run bundles and caches live, named
// data roots, and the carbon intensity of the grid the runs draw from). Found in the working
// directory or its nearest parent that has one; relative paths in it are relative to its own
// folder. Without one, everything lives in the working directory.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "spec/slurm_options.hpp"

namespace eorun {

struct ProjectConfig {
  std::optional<std::filesystem::path> file;  // the eorun.toml read, if any
  std::filesystem::path registry;              // [registry] path, default "eorun.db"
  std::filesystem::path runs_dir;              // [paths] runs, default "runs"
  std::filesystem::path cache_dir;             // [paths] cache, default ".eorun-cache"
  std::map<std::string, std::filesystem::path> data_roots;  // [data] name = "path"
  // [energy] grid_intensity: g CO2-eq per kWh of electricity (> 0), to turn the energy a run
  // measured into co2_g; none: runs record no co2_g.
  std::optional<double> grid_intensity;
  SlurmOptions slurm;  // [slurm]: how `eorun sweep --executor slurm` submits
};

// Reads the nearest eorun.toml from `start` upwards. Unknown keys are an eorun::Error listing the
// valid ones; so is a value of the wrong type or out of range.
ProjectConfig load_project_config(const std::filesystem::path& start);

}  // namespace eorun
