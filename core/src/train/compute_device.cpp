#include "train/compute_device.hpp"

#include <dlfcn.h>

#include <cstdlib>

#include <torch/cuda.h>
#include <torch/version.h>

#include "eorun/error.hpp"
#include "train/determinism.hpp"
#include "util/cuda_driver.hpp"

namespace eorun {

namespace {

constexpr const char* kSubject = "train.device";

// LibTorch's CUDA half is a library of its own, loaded with LibTorch when it was built with CUDA.
bool libtorch_has_cuda() {
  void* cuda = ::dlopen("libtorch_cuda.so", RTLD_NOW | RTLD_NOLOAD);
  if (cuda == nullptr) return false;
  ::dlclose(cuda);
  return true;
}

std::string gpu_name(int ordinal) {
  return cuda_device_name(ordinal).value_or("unnamed GPU (" + std::string(kCudaDriverLibrary) +
                                            " did not answer)");
}

std::string visible_devices_text() {
  const char* visible = std::getenv("CUDA_VISIBLE_DEVICES");
  return visible == nullptr ? "CUDA_VISIBLE_DEVICES is not set"
                            : "CUDA_VISIBLE_DEVICES=\"" + std::string(visible) + "\"";
}

}  // namespace

nlohmann::json ComputeDevice::identity() const {
  if (!is_cuda()) return "cpu";
  return {{"device", torch_device}, {"name", name}, {"determinism", determinism}};
}

ComputeDevice resolve_compute_device(const std::string& train_device) {
  ComputeDevice device;
  if (train_device == "cpu") return device;
  const std::optional<unsigned> ordinal = cuda_ordinal(train_device);
  if (!ordinal)
    throw Error(kSubject, "unknown device '" + train_device + "'", "use cpu, cuda or cuda:N");
  const std::string libtorch = std::string("LibTorch ") + TORCH_VERSION;
  if (!libtorch_has_cuda())
    throw Error(kSubject,
                "'" + train_device + "' needs a LibTorch built with CUDA; this eorun runs on " +
                    libtorch + ", CPU only",
                "use train.device = \"cpu\", or build eorun against a CUDA LibTorch "
                "(cmake -DCMAKE_PREFIX_PATH=<its cmake folder>)");
  const int count = static_cast<int>(torch::cuda::device_count());
  if (count == 0)
    throw Error(kSubject,
                "'" + train_device + "' found no GPU: " + libtorch + " has CUDA but sees 0 devices (" +
                    visible_devices_text() + ")",
                "check `nvidia-smi` and CUDA_VISIBLE_DEVICES, or use train.device = \"cpu\"");
  if (static_cast<int>(*ordinal) >= count) {
    std::string found;
    for (int i = 0; i < count; ++i)
      found += (i == 0 ? "" : ", ") + ("cuda:" + std::to_string(i)) + " " + gpu_name(i);
    throw Error(kSubject,
                "'" + train_device + "' asks for GPU " + std::to_string(*ordinal) + " but " +
                    std::to_string(count) + " are visible: " + found,
                "use cuda:0" + (count > 1 ? " to cuda:" + std::to_string(count - 1) : std::string()));
  }
  device.torch_device = "cuda:" + std::to_string(*ordinal);
  device.name = gpu_name(static_cast<int>(*ordinal));
  device.determinism = cuda_determinism_settings();
  return device;
}

}  // namespace eorun
