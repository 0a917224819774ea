#include "util/gpu_energy.hpp"

#include <algorithm>
#include <charconv>
#include <utility>
#include <vector>

#include "util/cuda_driver.hpp"
#include "util/dynamic_library.hpp"

namespace eorun {

namespace {

// --- The parts of nvml.h used here (NVML API, version 2 entry points) ---------------------------
// nvmlReturn_t is a C enum (int-sized); NVML_SUCCESS is 0. nvmlDevice_t is an opaque pointer.
using NvmlReturn = int;
struct NvmlDeviceTag;
using NvmlDevice = NvmlDeviceTag*;
constexpr NvmlReturn kNvmlSuccess = 0;

using NvmlInitV2 = NvmlReturn (*)();                                   // nvmlInit_v2
using NvmlShutdown = NvmlReturn (*)();                                 // nvmlShutdown
using NvmlHandleByIndexV2 = NvmlReturn (*)(unsigned index, NvmlDevice* device);  // ..._v2
using NvmlHandleByUuid = NvmlReturn (*)(const char* uuid, NvmlDevice* device);
using NvmlTotalEnergy = NvmlReturn (*)(NvmlDevice device, unsigned long long* energy_mj);

constexpr double kMillijoulesPerJoule = 1e3;

std::string trimmed(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::optional<unsigned> whole_number(const std::string& text) {
  unsigned value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || stop != end) return std::nullopt;
  return value;
}

}  // namespace

// One NVML session: the library opened, NVML initialised; shut down and closed by the destructor.
class GpuEnergyMeter::Nvml {
 public:
  static std::unique_ptr<Nvml> open(const std::string& library) {
    std::unique_ptr<Nvml> nvml(new Nvml(library));
    const DynamicLibrary& lib = nvml->library_;
    const auto init = lib.function<NvmlInitV2>("nvmlInit_v2");
    nvml->shutdown_ = lib.function<NvmlShutdown>("nvmlShutdown");
    nvml->by_index_ = lib.function<NvmlHandleByIndexV2>("nvmlDeviceGetHandleByIndex_v2");
    nvml->by_uuid_ = lib.function<NvmlHandleByUuid>("nvmlDeviceGetHandleByUUID");
    nvml->energy_ = lib.function<NvmlTotalEnergy>("nvmlDeviceGetTotalEnergyConsumption");
    const bool found = init != nullptr && nvml->shutdown_ != nullptr && nvml->by_index_ != nullptr &&
                       nvml->by_uuid_ != nullptr && nvml->energy_ != nullptr;
    if (!found || init() != kNvmlSuccess) return nullptr;
    nvml->initialised_ = true;
    return nvml;
  }

  ~Nvml() {
    if (initialised_) shutdown_();
  }
  Nvml(const Nvml&) = delete;
  Nvml& operator=(const Nvml&) = delete;

  std::optional<NvmlDevice> device(const GpuSelector& gpu) const {
    NvmlDevice device = nullptr;
    const NvmlReturn found =
        gpu.uuid.empty() ? by_index_(gpu.index, &device) : by_uuid_(gpu.uuid.c_str(), &device);
    if (found != kNvmlSuccess || device == nullptr) return std::nullopt;
    return device;
  }

  std::optional<unsigned long long> energy_mj(NvmlDevice device) const {
    unsigned long long energy = 0;
    if (energy_(device, &energy) != kNvmlSuccess) return std::nullopt;
    return energy;
  }

 private:
  explicit Nvml(const std::string& library) : library_(library.c_str()) {}

  DynamicLibrary library_;
  bool initialised_ = false;
  NvmlShutdown shutdown_ = nullptr;
  NvmlHandleByIndexV2 by_index_ = nullptr;
  NvmlHandleByUuid by_uuid_ = nullptr;
  NvmlTotalEnergy energy_ = nullptr;
};

std::optional<GpuSelector> nvml_device_for(const std::string& train_device,
                                           const char* cuda_visible_devices) {
  const std::optional<unsigned> ordinal = cuda_ordinal(train_device);
  if (!ordinal) return std::nullopt;
  if (cuda_visible_devices == nullptr) return GpuSelector{*ordinal, {}};
  const std::string list = cuda_visible_devices;
  std::vector<std::string> visible;
  for (std::size_t start = 0; start <= list.size();) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    visible.push_back(trimmed(list.substr(start, comma - start)));
    start = comma + 1;
  }
  for (std::size_t i = 0; i < visible.size(); ++i) {
    const std::string& entry = visible[i];
    const std::optional<unsigned> index = whole_number(entry);
    const bool uuid = entry.compare(0, 4, "GPU-") == 0;
    if (!index && !uuid) return std::nullopt;  // MIG instance, or the end of CUDA's list
    if (i == *ordinal) return uuid ? GpuSelector{0, entry} : GpuSelector{*index, {}};
  }
  return std::nullopt;
}

GpuEnergyMeter::GpuEnergyMeter(GpuSelector gpu, std::string library)
    : gpu_(std::move(gpu)), library_(std::move(library)) {}

GpuEnergyMeter::~GpuEnergyMeter() = default;

bool GpuEnergyMeter::start() {
  nvml_ = Nvml::open(library_);
  const std::optional<NvmlDevice> device = nvml_ ? nvml_->device(gpu_) : std::nullopt;
  const std::optional<unsigned long long> energy =
      device ? nvml_->energy_mj(*device) : std::nullopt;
  if (!energy) {
    nvml_.reset();
    return false;
  }
  start_mj_ = *energy;
  return true;
}

std::optional<double> GpuEnergyMeter::stop() {
  if (!nvml_) return std::nullopt;
  const std::optional<NvmlDevice> device = nvml_->device(gpu_);
  const std::optional<unsigned long long> energy =
      device ? nvml_->energy_mj(*device) : std::nullopt;
  nvml_.reset();
  if (!energy || *energy < start_mj_) return std::nullopt;
  return static_cast<double>(*energy - start_mj_) / kMillijoulesPerJoule;
}

}  // namespace eorun
