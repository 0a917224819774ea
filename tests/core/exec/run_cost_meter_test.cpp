// The cost of a run: the meters together, and the CO2 arithmetic.
#include "exec/run_cost_meter.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.hpp"

namespace eorun {
namespace {

constexpr std::chrono::milliseconds kNoBackgroundSampling{0};

TEST(Co2Grams, IsTheEnergyInKwhTimesTheGridIntensity) {
  EXPECT_DOUBLE_EQ(*co2_grams(3.6e6, std::nullopt, 400.0), 400.0);  // 1 kWh at 400 g/kWh
  EXPECT_DOUBLE_EQ(*co2_grams(1.8e6, 1.8e6, 100.0), 100.0);          // CPU and GPU together
  EXPECT_DOUBLE_EQ(*co2_grams(std::nullopt, 7.2e6, 50.0), 100.0);    // the GPU alone
  EXPECT_DOUBLE_EQ(*co2_grams(1234.5, std::nullopt, 350.0), 1234.5 / 3.6e6 * 350.0);
  EXPECT_EQ(co2_grams(0.0, std::nullopt, 350.0), 0.0) << "measured nothing is 0, not null";
}

TEST(Co2Grams, IsNullWithoutEnergyOrGridIntensity) {
  EXPECT_EQ(co2_grams(std::nullopt, std::nullopt, 400.0), std::nullopt);
  EXPECT_EQ(co2_grams(3.6e6, 3.6e6, std::nullopt), std::nullopt);
}

// A powercap tree with one package whose counter the test moves.
class OnePackage {
 public:
  OnePackage() {
    std::filesystem::create_directories(dir() / "intel-rapl:0");
    std::ofstream(dir() / "intel-rapl:0" / "name") << "package-0\n";
    std::ofstream(dir() / "intel-rapl:0" / "max_energy_range_uj") << 262143328850ULL << "\n";
    set(1'000'000);
  }
  std::filesystem::path dir() const { return root_.path(); }
  void set(std::uint64_t uj) { std::ofstream(dir() / "intel-rapl:0" / "energy_uj") << uj << "\n"; }

 private:
  test::TempDir root_;
};

RunCostOptions options(std::optional<double> grid, const std::string& device,
                       const std::filesystem::path& powercap) {
  RunCostOptions out{grid, device};
  out.powercap_root = powercap;
  out.energy_sample_every = kNoBackgroundSampling;
  out.nvml_library = "libeorun-test-no-such-nvml.so.1";
  return out;
}

TEST(RunCostMeter, MeasuresCpuTimeAndEnergyAndPricesIt) {
  OnePackage powercap;
  RunCostMeter meter(options(400.0, "cpu", powercap.dir()));
  powercap.set(1'000'000 + 7'200'000'000ULL);  // 7200 J: 2 Wh
  const RunCost cost = meter.stop();
  EXPECT_DOUBLE_EQ(*cost.energy_j, 7200.0);
  EXPECT_EQ(cost.gpu_energy_j, std::nullopt) << "a run on the CPU";
  EXPECT_DOUBLE_EQ(*cost.co2_g, 0.8);  // 0.002 kWh x 400 g/kWh
  ASSERT_TRUE(cost.cpu_seconds.has_value());
  EXPECT_GE(*cost.cpu_seconds, 0.0);
  EXPECT_EQ(cost.parameters_total, 0) << "left for the caller";
  EXPECT_EQ(cost.parameters_trainable, 0);
}

TEST(RunCostMeter, AFigureThatCannotBeMeasuredIsNull) {
  test::TempDir no_powercap;
  const RunCost without_energy = RunCostMeter(options(400.0, "cpu", no_powercap.path())).stop();
  EXPECT_EQ(without_energy.energy_j, std::nullopt);
  EXPECT_EQ(without_energy.co2_g, std::nullopt) << "no energy: no CO2";
  EXPECT_TRUE(without_energy.cpu_seconds.has_value()) << "CPU time is always measured";

  OnePackage powercap;
  const RunCost without_grid = RunCostMeter(options(std::nullopt, "cpu", powercap.dir())).stop();
  EXPECT_EQ(without_grid.energy_j, 0.0) << "a counter that did not move measured 0 J";
  EXPECT_EQ(without_grid.co2_g, std::nullopt) << "no grid intensity: no CO2";

  // A run on a GPU that NVML cannot read: its energy is null, the CPU's still prices the run.
  RunCostMeter on_gpu(options(100.0, "cuda:0", powercap.dir()));
  powercap.set(1'000'000 + 3'600'000'000ULL);
  const RunCost gpu_unread = on_gpu.stop();
  EXPECT_EQ(gpu_unread.gpu_energy_j, std::nullopt);
  EXPECT_DOUBLE_EQ(*gpu_unread.energy_j, 3600.0);
  EXPECT_DOUBLE_EQ(*gpu_unread.co2_g, 0.1);
}

}  // namespace
}  // namespace eorun
