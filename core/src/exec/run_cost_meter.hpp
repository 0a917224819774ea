// What a run costs, measured around its training:
//   cpu_seconds   user + system CPU time of this process (getrusage)
//   energy_j      CPU package energy (powercap / RAPL, util/energy_meter.hpp)
//   gpu_energy_j  the run's GPU (NVML, util/gpu_energy.hpp), for train.device "cuda[:N]"
//   co2_g         the joules measured at [energy] grid_intensity of eorun.toml
// A figure that cannot be measured is null (nullopt), never estimated.
//
//   RunCostMeter meter({settings.grid_intensity, run.spec.train.device});  // starts every meter
//   TrainResult result = train(job);
//   RunCost cost = meter.stop();  // the caller fills in parameters_total, parameters_trainable
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "registry/run_record.hpp"
#include "util/energy_meter.hpp"
#include "util/gpu_energy.hpp"

namespace eorun {

struct RunCostOptions {
  std::optional<double> grid_intensity;  // g CO2-eq per kWh; none: co2_g is null
  std::string train_device = "cpu";      // train.device: which GPU's energy to read, if any
  std::filesystem::path powercap_root = eorun::powercap_root();
  std::chrono::milliseconds energy_sample_every = kEnergySampleInterval;
  std::string nvml_library = kNvmlLibrary;
};

// Grams of CO2-eq for the energy measured: (cpu_j + gpu_j, each where present) in kWh times
// grid_intensity (g CO2-eq per kWh). nullopt when no energy was measured or grid_intensity is not
// set.
std::optional<double> co2_grams(std::optional<double> cpu_j, std::optional<double> gpu_j,
                                std::optional<double> grid_intensity);

class RunCostMeter {
 public:
  explicit RunCostMeter(RunCostOptions options);  // starts every meter
  ~RunCostMeter();
  RunCostMeter(const RunCostMeter&) = delete;
  RunCostMeter& operator=(const RunCostMeter&) = delete;

  // Stops every meter and returns what they measured; parameters_total and parameters_trainable
  // are left 0 for the caller, which knows the model. Call once.
  RunCost stop();

 private:
  std::optional<double> grid_intensity_;
  std::optional<double> cpu_seconds_at_start_;
  EnergyMeter cpu_energy_;
  std::unique_ptr<GpuEnergyMeter> gpu_energy_;  // null for a run on the CPU
};

}  // namespace eorun
