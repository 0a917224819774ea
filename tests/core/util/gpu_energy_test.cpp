// GPU energy through NVML: which GPU a run's train.device names, and no figure without NVML.
#include "util/gpu_energy.hpp"

#include <dlfcn.h>
#include <gtest/gtest.h>

namespace eorun {
namespace {

// The NVML index or UUID for `device` under `visible` (CUDA_VISIBLE_DEVICES; null: unset), as
// "index N", "uuid U" or "none".
std::string selected(const std::string& device, const char* visible) {
  const std::optional<GpuSelector> gpu = nvml_device_for(device, visible);
  if (!gpu) return "none";
  return gpu->uuid.empty() ? "index " + std::to_string(gpu->index) : "uuid " + gpu->uuid;
}

TEST(NvmlDeviceFor, ARunOnTheCpuHasNoGpu) {
  EXPECT_EQ(selected("cpu", nullptr), "none");
  EXPECT_EQ(selected("cpu", "0"), "none");
  EXPECT_EQ(selected("cuda:x", nullptr), "none");
  EXPECT_EQ(selected("cudax", nullptr), "none");
  EXPECT_EQ(selected("cuda:", nullptr), "none");
}

TEST(NvmlDeviceFor, WithoutCudaVisibleDevicesTheOrdinalIsTheIndex) {
  EXPECT_EQ(selected("cuda", nullptr), "index 0");
  EXPECT_EQ(selected("cuda:0", nullptr), "index 0");
  EXPECT_EQ(selected("cuda:3", nullptr), "index 3");
}

TEST(NvmlDeviceFor, CudaVisibleDevicesRenumbersTheDevices) {
  EXPECT_EQ(selected("cuda", "2,0"), "index 2");
  EXPECT_EQ(selected("cuda:1", "2,0"), "index 0");
  EXPECT_EQ(selected("cuda:1", " 3 , 1 "), "index 1");
  EXPECT_EQ(selected("cuda:0", "GPU-8932f937-d72c-4106-c12f-20bd9faed9f6,1"),
            "uuid GPU-8932f937-d72c-4106-c12f-20bd9faed9f6");
  EXPECT_EQ(selected("cuda:2", "0,1"), "none") << "only two devices are visible";
  EXPECT_EQ(selected("cuda", ""), "none") << "no device is visible";
}

TEST(NvmlDeviceFor, WhatNvmlCannotMeterApartHasNoGpu) {
  // A MIG instance: NVML's counter is the whole GPU's.
  EXPECT_EQ(selected("cuda", "MIG-1d3e2f45-4a3c-5d6e-8f9a-0b1c2d3e4f5a"), "none");
  // CUDA stops at the first entry that is not a device: "-1" hides everything after it.
  EXPECT_EQ(selected("cuda:1", "0,-1,1"), "none");
  EXPECT_EQ(selected("cuda:0", "0,-1,1"), "index 0");
}

TEST(GpuEnergyMeter, WithoutTheLibraryThereIsNoFigure) {
  GpuEnergyMeter meter(GpuSelector{0, {}}, "libeorun-test-no-such-nvml.so.1");
  EXPECT_FALSE(meter.start());
  EXPECT_EQ(meter.stop(), std::nullopt);
  GpuEnergyMeter never_started(GpuSelector{0, {}}, "libeorun-test-no-such-nvml.so.1");
  EXPECT_EQ(never_started.stop(), std::nullopt);
}

// The machine's own driver: no figure where there is no NVML (as on a machine without an NVIDIA
// GPU); where there is one, a figure exactly when the counter could be read at the start.
TEST(GpuEnergyMeter, TheMachinesDriverGivesAFigureOnlyWhereItCounts) {
  void* nvml = ::dlopen(kNvmlLibrary, RTLD_NOW | RTLD_LOCAL);
  const bool has_driver = nvml != nullptr;
  if (nvml != nullptr) ::dlclose(nvml);
  GpuEnergyMeter meter(GpuSelector{0, {}});
  const bool started = meter.start();
  if (!has_driver) {
    EXPECT_FALSE(started);
  }
  const std::optional<double> joules = meter.stop();
  EXPECT_EQ(joules.has_value(), started);
  if (joules) {
    EXPECT_GE(*joules, 0.0);
  }
}

}  // namespace
}  // namespace eorun
