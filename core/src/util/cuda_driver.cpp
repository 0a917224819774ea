#include "util/cuda_driver.hpp"

#include <array>
#include <charconv>

#include "util/dynamic_library.hpp"

namespace eorun {

namespace {

// From the CUDA driver API (cuda.h): CUresult is an int, CUDA_SUCCESS 0, CUdevice an int.
using CuInit = int (*)(unsigned int flags);
using CuDeviceGet = int (*)(int* device, int ordinal);
using CuDeviceGetName = int (*)(char* name, int length, int device);

}  // namespace

std::optional<unsigned> cuda_ordinal(const std::string& train_device) {
  const std::string cuda = "cuda";
  if (train_device == cuda) return 0u;
  if (train_device.compare(0, cuda.size() + 1, cuda + ":") != 0) return std::nullopt;
  const std::string digits = train_device.substr(cuda.size() + 1);
  unsigned value = 0;
  const char* end = digits.data() + digits.size();
  const auto [stop, ec] = std::from_chars(digits.data(), end, value);
  if (digits.empty() || ec != std::errc() || stop != end) return std::nullopt;
  return value;
}

std::optional<std::string> cuda_device_name(int ordinal, const char* library) {
  const DynamicLibrary cuda(library);
  const auto init = cuda.function<CuInit>("cuInit");
  const auto get = cuda.function<CuDeviceGet>("cuDeviceGet");
  const auto get_name = cuda.function<CuDeviceGetName>("cuDeviceGetName");
  if (init == nullptr || get == nullptr || get_name == nullptr || init(0) != 0) return std::nullopt;
  int device = 0;
  if (get(&device, ordinal) != 0) return std::nullopt;
  std::array<char, 256> name{};
  if (get_name(name.data(), static_cast<int>(name.size()), device) != 0) return std::nullopt;
  name.back() = '\0';
  return std::string(name.data());
}

}  // namespace eorun
