// What a run costs, end to end: the real binary trains on the synthetic dataset, reads CPU energy
// from a fake powercap tree (EORUN_POWERCAP_ROOT), prices it at [energy] grid_intensity, records
// it, and `eorun query` ranks by it. The fake counters stand still (nothing moves them while the
// run trains), so a readable tree measures exactly 0 J and 0 g, while an unreadable one measures
// nothing: null.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using nlohmann::json;
using test::CommandResult;
using test::run_eorun;

class RunCost : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_.path() / "eorun.toml") << "[energy]\ngrid_intensity = 400\n";
    const std::filesystem::path package = powercap() / "intel-rapl:0";
    std::filesystem::create_directories(package);
    std::ofstream(package / "name") << "package-0\n";
    std::ofstream(package / "max_energy_range_uj") << "262143328850\n";
    std::ofstream(package / "energy_uj") << "123456789\n";
    std::filesystem::create_directories(powercap() / "intel-rapl:0:0");  // core: not summed
    std::ofstream(powercap() / "intel-rapl:0:0" / "name") << "core\n";
  }

  std::filesystem::path powercap() const { return dir_.path() / "powercap"; }
  std::string readable() const {
    return "EORUN_POWERCAP_ROOT=" + test::shell_quote(powercap().string());
  }
  std::string unreadable() const {
    return "EORUN_POWERCAP_ROOT=" + test::shell_quote((dir_.path() / "no-powercap").string());
  }

  std::filesystem::path config(int seed) const {
    const std::filesystem::path path = dir_.path() / ("run" + std::to_string(seed) + ".toml");
    std::ofstream(path) << "[dataset]\nplugin = \"synthetic\"\nsize = 16\ntrain = 32\nval = 16\n"
                           "test = 16\nclasses = 4\nbands = 3\n\n[model]\nplugin = \"shortcnn\"\n"
                           "input_size = 16\n\n[loss]\nplugin = \"bce\"\n\n[train]\nepochs = 1\n"
                           "batch_size = 16\nthreads = 1\nseed = " << seed << "\n";
    return path;
  }

  // The record of the one run `query` selects.
  json record_where(const std::string& where) {
    const CommandResult listed =
        run_eorun({"query", "--where", where, "--format", "json"}, dir_.path());
    EXPECT_EQ(listed.exit_code, 0) << listed.err;
    const json runs = json::parse(listed.out).at("runs");
    EXPECT_EQ(runs.size(), 1u) << listed.out;
    const std::string id = runs.at(0).at("run_id").get<std::string>();
    return json::parse(run_eorun({"show", id, "--format", "json"}, dir_.path()).out);
  }

  test::TempDir dir_;
};

TEST_F(RunCost, AReadableTreeRecordsEnergyAndCo2AndAnUnreadableOneNull) {
  const CommandResult measured =
      run_eorun({"run", config(1).string(), "--no-progress"}, dir_.path(), readable());
  ASSERT_EQ(measured.exit_code, 0) << measured.out << measured.err;
  const CommandResult unmeasured =
      run_eorun({"run", config(2).string(), "--no-progress"}, dir_.path(), unreadable());
  ASSERT_EQ(unmeasured.exit_code, 0) << unmeasured.out << unmeasured.err;

  const json cost = record_where("seed = 1").at("cost");
  ASSERT_TRUE(cost.at("energy_j").is_number()) << cost;
  EXPECT_EQ(cost.at("energy_j").get<double>(), 0.0) << "the fake counter did not move";
  ASSERT_TRUE(cost.at("co2_g").is_number()) << cost;
  EXPECT_EQ(cost.at("co2_g").get<double>(), 0.0);
  EXPECT_TRUE(cost.at("gpu_energy_j").is_null()) << "trained on the CPU";
  EXPECT_GT(cost.at("cpu_seconds").get<double>(), 0.0) << "training takes CPU time";
  EXPECT_GT(cost.at("parameters_total").get<std::int64_t>(), 0);
  EXPECT_EQ(cost.at("parameters_trainable"), cost.at("parameters_total")) << "from scratch";

  const json unmeasured_cost = record_where("seed = 2").at("cost");
  EXPECT_TRUE(unmeasured_cost.at("energy_j").is_null()) << unmeasured_cost;
  EXPECT_TRUE(unmeasured_cost.at("co2_g").is_null()) << "no energy: no CO2";
  EXPECT_GT(unmeasured_cost.at("cpu_seconds").get<double>(), 0.0);
  EXPECT_EQ(unmeasured_cost.at("parameters_total"), cost.at("parameters_total"));

  // --best ranks by the figure and leaves out the run without it.
  const CommandResult best = run_eorun(
      {"query", "--best", "energy_j", "--columns", "energy_j,co2_g,wall_seconds", "--format",
       "json"},
      dir_.path());
  ASSERT_EQ(best.exit_code, 0) << best.err;
  const json ranked = json::parse(best.out);
  ASSERT_EQ(ranked.at("runs").size(), 1u) << best.out;
  const json& columns = ranked.at("runs").at(0).at("columns");
  EXPECT_EQ(columns.at("energy_j"), 0);
  EXPECT_EQ(columns.at("co2_g"), 0);
  EXPECT_GT(columns.at("wall_seconds").get<double>(), 0.0);

  const CommandResult table = run_eorun(
      {"query", "--columns", "seed,energy_j,co2_g", "--where", "cpu_seconds > 0"}, dir_.path());
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("2     -         -"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("1     0         0"), std::string::npos) << table.out;

  const std::string id = ranked.at("runs").at(0).at("run_id").get<std::string>();
  const std::string shown = run_eorun({"show", id}, dir_.path()).out;
  EXPECT_NE(shown.find("  energy_j              0 J = 0 kWh (CPU packages)\n"), std::string::npos)
      << shown;
  EXPECT_NE(shown.find("  co2_g                 0 g CO2-eq\n"), std::string::npos) << shown;
}

TEST_F(RunCost, ASweepsWorkersPriceTheirRunsAtTheProjectsGridIntensity) {
  const std::filesystem::path script = dir_.path() / "seeds.lua";
  std::ofstream(script) << "return sweep {\n  name = \"seeds\",\n  base = {\n"
                           "    dataset = { plugin = \"synthetic\", size = 16, train = 32, val = 16,"
                           " test = 16, classes = 4, bands = 3 },\n"
                           "    model = { plugin = \"shortcnn\", input_size = 16 },\n"
                           "    loss = { plugin = \"bce\" },\n"
                           "    train = { epochs = 1, batch_size = 16, threads = 1 },\n  },\n"
                           "  grid = { [\"train.seed\"] = { 1, 2 } },\n}\n";
  const CommandResult swept = run_eorun({"sweep", script.string(), "--jobs", "2", "--no-progress"},
                                        dir_.path(), readable());
  ASSERT_EQ(swept.exit_code, 0) << swept.out << swept.err;
  const CommandResult ranked =
      run_eorun({"query", "--best", "co2_g", "--format", "json"}, dir_.path());
  ASSERT_EQ(ranked.exit_code, 0) << ranked.err;
  const json runs = json::parse(ranked.out).at("runs");
  ASSERT_EQ(runs.size(), 2u) << "both workers recorded a co2_g: " << ranked.out;
  for (const json& run : runs) EXPECT_EQ(run.at("value"), 0) << run;
}

}  // namespace
}  // namespace eorun
