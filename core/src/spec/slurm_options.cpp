#include "spec/slurm_options.hpp"

#include <regex>

#include "eorun/error.hpp"

namespace eorun {

namespace {

const char* const kKeys = "partition, account, time, cpus_per_run, memory, gres, max_running, sbatch_args";

std::string string_value(const std::string& subject, const nlohmann::json& value, const char* example) {
  if (!value.is_string() || value.get<std::string>().empty())
    throw Error(subject, "expected a non-empty string, got " + value.dump(), std::string("e.g. ") + example);
  return value.get<std::string>();
}

int count_value(const std::string& subject, const nlohmann::json& value, const char* example) {
  if (!value.is_number_integer() || value.get<long long>() < 1 || value.get<long long>() > 1000000)
    throw Error(subject, "expected a whole number of at least 1, got " + value.dump(), std::string("e.g. ") + example);
  return static_cast<int>(value.get<long long>());
}

}  // namespace

void check_slurm_time(const std::string& subject, const std::string& value) {
  // Slurm's formats: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS.
  static const std::regex format(R"(^(\d+|\d+:\d{1,2}|\d+:\d{1,2}:\d{1,2}|\d+-\d{1,2}|\d+-\d{1,2}:\d{1,2}|\d+-\d{1,2}:\d{1,2}:\d{1,2})$)");
  if (!std::regex_match(value, format))
    throw Error(subject, "is not a Slurm time limit",
                "write minutes, HH:MM:SS or D-HH:MM:SS, e.g. 04:00:00 or 2-00:00:00");
}

void check_slurm_memory(const std::string& subject, const std::string& value) {
  static const std::regex format(R"(^\d+[KMGT]?$)");
  if (!std::regex_match(value, format))
    throw Error(subject, "is not a Slurm memory size", "write a number with K, M, G or T, e.g. 32G");
}

void check_slurm_gres(const std::string& subject, const std::string& value) {
  static const std::regex format(R"(^[A-Za-z][A-Za-z0-9_]*(:[A-Za-z0-9_.-]+)?(:\d+)?(,[A-Za-z][A-Za-z0-9_]*(:[A-Za-z0-9_.-]+)?(:\d+)?)*$)");
  if (!std::regex_match(value, format))
    throw Error(subject, "is not a Slurm generic resource", "write name[:type]:count, e.g. gpu:1 or gpu:a100:2");
}

SlurmOptions read_slurm_options(const std::string& file, const nlohmann::json& table) {
  if (!table.is_object()) throw Error(file + ": [slurm]", "is not a table", "write key = value lines under [slurm]");
  SlurmOptions options;
  for (const auto& [key, value] : table.items()) {
    const std::string subject = file + ": slurm." + key;
    if (key == "partition") {
      options.partition = string_value(subject, value, "partition = \"gpu\"");
    } else if (key == "account") {
      options.account = string_value(subject, value, "account = \"eo-lab\"");
    } else if (key == "time") {
      options.time = string_value(subject, value, "time = \"04:00:00\"");
      check_slurm_time(subject + " = \"" + options.time + "\"", options.time);
    } else if (key == "cpus_per_run") {
      options.cpus_per_run = count_value(subject, value, "cpus_per_run = 8");
    } else if (key == "memory") {
      options.memory = string_value(subject, value, "memory = \"32G\"");
      check_slurm_memory(subject + " = \"" + options.memory + "\"", options.memory);
    } else if (key == "gres") {
      options.gres = string_value(subject, value, "gres = \"gpu:1\"");
      check_slurm_gres(subject + " = \"" + options.gres + "\"", options.gres);
    } else if (key == "max_running") {
      options.max_running = count_value(subject, value, "max_running = 16");
    } else if (key == "sbatch_args") {
      if (!value.is_array()) throw Error(subject, "expected a list of strings", "e.g. sbatch_args = [\"--qos=normal\"]");
      for (const nlohmann::json& item : value)
        options.sbatch_args.push_back(string_value(subject, item, "sbatch_args = [\"--qos=normal\"]"));
    } else {
      throw Error(subject, "unknown key", std::string("valid keys: ") + kKeys);
    }
  }
  return options;
}

}  // namespace eorun
