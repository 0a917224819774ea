// The device a run trains on: train.device checked against the LibTorch in this process and the
// GPUs it sees, named, and described for the run's identity.
//
//   ComputeDevice device = resolve_compute_device("cuda:1");   // throws eorun::Error when absent
//   device.torch_device   // "cuda:1"
//   device.name           // "NVIDIA H200"
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace eorun {

struct ComputeDevice {
  std::string torch_device = "cpu";  // as LibTorch parses it: "cpu", "cuda:N"
  std::string name = "cpu";          // "cpu", or the GPU's name as the driver gives it
  nlohmann::json determinism;        // the settings used on a GPU (determinism.hpp); null on the CPU

  bool is_cuda() const { return torch_device != "cpu"; }
  // What enters the run's identity and record: "cpu" on the CPU, else
  // {"device": "cuda:N", "name": ..., "determinism": {...}}.
  nlohmann::json identity() const;
};

// Resolves "cpu", "cuda" (= "cuda:0") or "cuda:N". Asking for a GPU where there is none is an
// eorun::Error on train.device naming what was found: a LibTorch built without CUDA, one that
// sees no GPU, or fewer GPUs than N + 1 (listed by name).
ComputeDevice resolve_compute_device(const std::string& train_device);

}  // namespace eorun
