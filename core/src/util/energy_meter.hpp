// CPU package energy from the Linux powercap tree (RAPL), read around a piece of work.
//
//   EnergyMeter meter;                // root: $EORUN_POWERCAP_ROOT, else /sys/class/powercap
//   meter.start();                    // reads the counters, then samples every 10 s
//   ... train ...
//   std::optional<double> joules = meter.stop();
//
// What is summed: the package domains only, i.e. the top-level zones `intel-rapl:N` whose `name`
// starts with "package" (one per CPU socket; recent kernels show AMD packages under the same
// names).
//   - Their subzones (`intel-rapl:N:M`: core, uncore) are parts of the package figure: adding
//     them would count that energy twice. The `dram` subzone is memory, outside the package;
//     few machines expose it, so it is left out to keep figures comparable between machines.
//   - `psys` (platform) zones measure the whole SoC, package included: left out likewise.
//   - `intel-rapl-mmio:N` zones repeat the package counters through another interface: left out.
// A figure is for the whole package: other processes on the machine are in it too.
//
// Each counter `energy_uj` (microjoules) runs from 0 to its `max_energy_range_uj` and then starts
// again at 0 (about 262 kJ on current Intel parts: 43 minutes at 100 W). A reading lower than the
// one before means the counter wrapped once; to never miss a wrap, start() samples every counter
// periodically on a thread of its own, so that no two readings are a whole range apart.
//
// Where nothing can be measured the result is nullopt, never an estimate: no package domain, or
// a file of one that cannot be read at start or at any later reading (a sum missing a domain or
// an interval would be too low). The energy_uj files are readable by root only on most current
// kernels (since the 2020 RAPL side-channel fixes); elsewhere the result is nullopt.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace eorun {

class PeriodicTask;

// How often start() samples the counters by default.
inline constexpr std::chrono::seconds kEnergySampleInterval{10};

// The powercap tree this process reads: $EORUN_POWERCAP_ROOT when set and not empty (tests point
// it at a fake tree), else /sys/class/powercap.
std::filesystem::path powercap_root();

// One package domain.
struct PowercapDomain {
  std::filesystem::path dir;  // e.g. /sys/class/powercap/intel-rapl:0
  std::string name;           // its `name` file, e.g. "package-0"
  std::uint64_t max_energy_range_uj = 0;
};

// The package domains under `root` (see above), sorted by folder. A package domain whose name or
// max_energy_range_uj cannot be read is returned with an empty name or a range of 0 (the meter
// then measures nothing rather than leave it out).
std::vector<PowercapDomain> package_domains(const std::filesystem::path& root);

// How far a counter moved from `previous` to `current` in microjoules. A counter takes the values
// 0 ... max_energy_range_uj, so one that reads lower than before has wrapped once, passing
// max_energy_range_uj + 1 - previous values to get back to 0, then `current` more.
std::uint64_t counter_delta_uj(std::uint64_t previous, std::uint64_t current,
                               std::uint64_t max_energy_range_uj);

class EnergyMeter {
 public:
  explicit EnergyMeter(std::filesystem::path root = powercap_root());
  ~EnergyMeter();
  EnergyMeter(const EnergyMeter&) = delete;
  EnergyMeter& operator=(const EnergyMeter&) = delete;

  // Finds the package domains and reads their counters: the zero of the measurement. Then, when
  // `sample_every` is above zero, samples them that often in the background until stop().
  // Returns false when there is nothing to measure (see above): every later result is nullopt.
  bool start(std::chrono::milliseconds sample_every = kEnergySampleInterval);

  // Reads every counter and adds how far each moved since its last reading. Joules since
  // start(); nullopt when nothing is measured. Thread-safe: the background sampler calls it too.
  std::optional<double> sample();

  // Ends the background sampling (at once, joining its thread) and takes a last reading: the
  // joules since start(), or nullopt. Later calls return the same figure without reading.
  std::optional<double> stop();

  // The domains being measured (empty before start() or when nothing is measured).
  std::vector<PowercapDomain> domains() const;

 private:
  struct Counter {
    PowercapDomain domain;
    std::uint64_t last_uj = 0;
  };

  std::optional<double> sample_locked();
  double joules_locked() const;
  void fail_locked();

  const std::filesystem::path root_;
  mutable std::mutex mutex_;
  std::vector<Counter> counters_;
  std::uint64_t total_uj_ = 0;
  bool measuring_ = false;  // started, with every package domain readable so far
  bool stopped_ = false;
  std::unique_ptr<PeriodicTask> sampler_;
};

}  // namespace eorun
