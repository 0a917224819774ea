// What the NVIDIA driver says about a CUDA device, asked through the driver API.
//
//   std::optional<std::string> name = cuda_device_name(0);   // "NVIDIA H200"
//
// No build dependency: libcuda.so.1 comes with the driver and is opened with dlopen, and the few
// declarations used are written out in cuda_driver.cpp. The driver numbers devices as the CUDA
// runtime (and so LibTorch) does, after CUDA_VISIBLE_DEVICES and CUDA_DEVICE_ORDER.
#pragma once

#include <optional>
#include <string>

namespace eorun {

// The driver library installed with the NVIDIA driver.
inline constexpr const char* kCudaDriverLibrary = "libcuda.so.1";

// The device ordinal of "cuda" (0) or "cuda:N"; nullopt for anything else ("cpu").
std::optional<unsigned> cuda_ordinal(const std::string& train_device);

// The name of CUDA device `ordinal`, or nullopt when the library, the device or the call is missing.
std::optional<std::string> cuda_device_name(int ordinal, const char* library = kCudaDriverLibrary);

}  // namespace eorun
