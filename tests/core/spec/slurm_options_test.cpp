// The [slurm] table: every key read, every value Slurm would refuse refused here with the key named.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "eorun/error.hpp"
#include "spec/slurm_options.hpp"

namespace eorun {
namespace {

using nlohmann::json;

std::string message_of(const json& table) {
  try {
    read_slurm_options("eorun.toml", table);
  } catch (const Error& error) {
    return error.what();
  }
  return "no error";
}

TEST(SlurmOptions, ReadsEveryKey) {
  const SlurmOptions options = read_slurm_options(
      "eorun.toml", {{"partition", "gpu"}, {"account", "eo-lab"}, {"time", "1-04:00:00"}, {"cpus_per_run", 8},
                     {"memory", "32G"}, {"gres", "gpu:a100:1"}, {"max_running", 16},
                     {"sbatch_args", {"--qos=normal", "--constraint=a100"}}});
  EXPECT_EQ(options.partition, "gpu");
  EXPECT_EQ(options.account, "eo-lab");
  EXPECT_EQ(options.time, "1-04:00:00");
  EXPECT_EQ(options.cpus_per_run, 8);
  EXPECT_EQ(options.memory, "32G");
  EXPECT_EQ(options.gres, "gpu:a100:1");
  EXPECT_EQ(options.max_running, 16);
  EXPECT_EQ(options.sbatch_args, (std::vector<std::string>{"--qos=normal", "--constraint=a100"}));
}

TEST(SlurmOptions, TakesEverySlurmTimeFormat) {
  for (const char* time : {"30", "30:00", "04:00:00", "2-12", "2-12:30", "2-12:30:00"})
    EXPECT_NO_THROW(check_slurm_time("t", time)) << time;
  for (const char* time : {"4h", "", "1:2:3:4", "-5", "2-", "12:"})
    EXPECT_THROW(check_slurm_time("t", time), Error) << time;
}

TEST(SlurmOptions, RefusesWhatSlurmWouldNotReadNamingTheKey) {
  EXPECT_EQ(message_of({{"time", "4h"}}),
            "eorun.toml: slurm.time = \"4h\": is not a Slurm time limit; write minutes, HH:MM:SS or D-HH:MM:SS, "
            "e.g. 04:00:00 or 2-00:00:00");
  EXPECT_NE(message_of({{"memory", "32GB"}}).find("slurm.memory = \"32GB\": is not a Slurm memory size"),
            std::string::npos);
  EXPECT_NE(message_of({{"gres", "gpu:"}}).find("slurm.gres = \"gpu:\": is not a Slurm generic resource"),
            std::string::npos);
  EXPECT_NE(message_of({{"cpus_per_run", 0}}).find("slurm.cpus_per_run: expected a whole number of at least 1"),
            std::string::npos);
  EXPECT_NE(message_of({{"max_running", "4"}}).find("slurm.max_running: expected a whole number"), std::string::npos);
  EXPECT_NE(message_of({{"sbatch_args", "--qos=x"}}).find("slurm.sbatch_args: expected a list of strings"),
            std::string::npos);
  EXPECT_EQ(message_of({{"partiton", "gpu"}}),
            "eorun.toml: slurm.partiton: unknown key; valid keys: partition, account, time, cpus_per_run, memory, "
            "gres, max_running, sbatch_args");
}

}  // namespace
}  // namespace eorun
