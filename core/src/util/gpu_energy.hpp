// GPU energy from NVML, the NVIDIA driver's management library, read around a piece of work.
//
//   std::optional<GpuSelector> gpu =
//       nvml_device_for("cuda:0", std::getenv("CUDA_VISIBLE_DEVICES"));
//   GpuEnergyMeter meter(*gpu);
//   meter.start();
//   ... train ...
//   std::optional<double> joules = meter.stop();
//
// No build dependency: libnvidia-ml.so.1 comes with the driver and is opened with dlopen, and the
// few NVML declarations used are written out in gpu_energy.cpp. The figure is the difference of
// nvmlDeviceGetTotalEnergyConsumption (the board's energy in millijoules since the driver was
// loaded; Volta and newer) between stop() and start(): the whole board, so another process on the
// same GPU is in it too. It is nullopt, never an estimate, when the library, the device or its
// counter is missing, or any call fails.
#pragma once

#include <memory>
#include <optional>
#include <string>

namespace eorun {

// Which GPU NVML reads: by UUID when known, else by NVML's index.
struct GpuSelector {
  unsigned index = 0;
  std::string uuid;  // "GPU-..." (from CUDA_VISIBLE_DEVICES); empty: use index
};

// The GPU a run on `train_device` ("cpu", "cuda", "cuda:N") uses, named for NVML; nullopt for
// "cpu" and where the CUDA device cannot be named for NVML. CUDA numbers the devices that
// `cuda_visible_devices` (CUDA_VISIBLE_DEVICES; null when unset) lists, in that order, up to the
// first entry that is not a device: an index there is taken as NVML's index, a "GPU-" UUID as a
// UUID; a MIG instance gives nullopt (NVML meters the whole GPU, not one instance). NVML numbers
// GPUs in PCI bus order: CUDA does too with CUDA_DEVICE_ORDER=PCI_BUS_ID, and in practice on
// machines whose GPUs are all of one model.
std::optional<GpuSelector> nvml_device_for(const std::string& train_device,
                                           const char* cuda_visible_devices);

// The NVML library the driver installs.
inline constexpr const char* kNvmlLibrary = "libnvidia-ml.so.1";

class GpuEnergyMeter {
 public:
  // `library`: the NVML shared library to open (tests name one that does not exist).
  explicit GpuEnergyMeter(GpuSelector gpu, std::string library = kNvmlLibrary);
  ~GpuEnergyMeter();
  GpuEnergyMeter(const GpuEnergyMeter&) = delete;
  GpuEnergyMeter& operator=(const GpuEnergyMeter&) = delete;

  // Opens NVML, finds the GPU and reads its counter. False when any of it fails: stop() then
  // returns nullopt.
  bool start();

  // Reads the counter again: joules since start(), or nullopt (start() failed, the read failed, or
  // the counter went back because the driver was reloaded). Closes NVML.
  std::optional<double> stop();

 private:
  class Nvml;

  GpuSelector gpu_;
  std::string library_;
  std::unique_ptr<Nvml> nvml_;
  unsigned long long start_mj_ = 0;
};

}  // namespace eorun
