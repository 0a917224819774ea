#include "exec/run_cost_meter.hpp"

#include <cstdlib>
#include <utility>

#include "util/resource_usage.hpp"

namespace eorun {

namespace {

constexpr double kJoulesPerKwh = 3.6e6;

}  // namespace

std::optional<double> co2_grams(std::optional<double> cpu_j, std::optional<double> gpu_j,
                                std::optional<double> grid_intensity) {
  if (!grid_intensity || (!cpu_j && !gpu_j)) return std::nullopt;
  return (cpu_j.value_or(0) + gpu_j.value_or(0)) / kJoulesPerKwh * *grid_intensity;
}

RunCostMeter::RunCostMeter(RunCostOptions options)
    : grid_intensity_(options.grid_intensity),
      cpu_seconds_at_start_(process_cpu_seconds()),
      cpu_energy_(std::move(options.powercap_root)) {
  if (const std::optional<GpuSelector> gpu =
          nvml_device_for(options.train_device, std::getenv("CUDA_VISIBLE_DEVICES"))) {
    gpu_energy_ = std::make_unique<GpuEnergyMeter>(*gpu, std::move(options.nvml_library));
    gpu_energy_->start();  // when it fails, stop() says nullopt
  }
  cpu_energy_.start(options.energy_sample_every);
}

RunCostMeter::~RunCostMeter() = default;

RunCost RunCostMeter::stop() {
  RunCost cost;
  cost.energy_j = cpu_energy_.stop();
  if (gpu_energy_) cost.gpu_energy_j = gpu_energy_->stop();
  const std::optional<double> cpu_seconds = process_cpu_seconds();
  if (cpu_seconds && cpu_seconds_at_start_)
    cost.cpu_seconds = *cpu_seconds - *cpu_seconds_at_start_;
  cost.co2_g = co2_grams(cost.energy_j, cost.gpu_energy_j, grid_intensity_);
  return cost;
}

}  // namespace eorun
