#include "util/energy_meter.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <utility>

#include "util/periodic_task.hpp"

namespace eorun {

namespace {

constexpr const char* kPowercapRootVariable = "EORUN_POWERCAP_ROOT";
constexpr const char* kSystemPowercapRoot = "/sys/class/powercap";
constexpr const char* kZonePrefix = "intel-rapl:";
constexpr const char* kPackagePrefix = "package";
constexpr double kMicrojoulesPerJoule = 1e6;

// The first line of a small sysfs file, without its newline; nullopt when it cannot be read.
std::optional<std::string> read_line(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

// A counter file: one unsigned decimal number.
std::optional<std::uint64_t> read_counter(const std::filesystem::path& file) {
  const std::optional<std::string> text = read_line(file);
  if (!text || text->empty()) return std::nullopt;
  std::uint64_t value = 0;
  const char* end = text->data() + text->size();
  const auto [stop, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || stop != end) return std::nullopt;
  return value;
}

// "intel-rapl:0", "intel-rapl:12": a top-level zone (a subzone has a second ":M").
bool is_top_level_zone(const std::string& folder) {
  const std::string prefix = kZonePrefix;
  if (folder.size() <= prefix.size() || folder.compare(0, prefix.size(), prefix) != 0) return false;
  return std::all_of(folder.begin() + static_cast<std::ptrdiff_t>(prefix.size()), folder.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::filesystem::path powercap_root() {
  const char* root = std::getenv(kPowercapRootVariable);
  return root != nullptr && *root != '\0' ? std::filesystem::path(root)
                                          : std::filesystem::path(kSystemPowercapRoot);
}

std::vector<PowercapDomain> package_domains(const std::filesystem::path& root) {
  std::vector<PowercapDomain> domains;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    const std::filesystem::path dir = it->path();
    if (!is_top_level_zone(dir.filename().string())) continue;
    const std::optional<std::string> name = read_line(dir / "name");
    if (name && name->compare(0, std::string(kPackagePrefix).size(), kPackagePrefix) != 0)
      continue;  // psys and other zones that are not a package
    domains.push_back({dir, name.value_or(""),
                       read_counter(dir / "max_energy_range_uj").value_or(0)});
  }
  std::sort(domains.begin(), domains.end(),
            [](const PowercapDomain& a, const PowercapDomain& b) { return a.dir < b.dir; });
  return domains;
}

std::uint64_t counter_delta_uj(std::uint64_t previous, std::uint64_t current,
                               std::uint64_t max_energy_range_uj) {
  if (current >= previous) return current - previous;
  return (max_energy_range_uj - previous) + 1 + current;
}

EnergyMeter::EnergyMeter(std::filesystem::path root) : root_(std::move(root)) {}

EnergyMeter::~EnergyMeter() {
  if (sampler_) sampler_->stop();
}

bool EnergyMeter::start(std::chrono::milliseconds sample_every) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    counters_.clear();
    total_uj_ = 0;
    stopped_ = false;
    measuring_ = false;
    for (PowercapDomain& domain : package_domains(root_)) {
      const std::optional<std::uint64_t> reading = read_counter(domain.dir / "energy_uj");
      // Without a readable name, range and counter, a domain cannot be measured; measuring the
      // others alone would give too low a figure.
      if (domain.name.empty() || domain.max_energy_range_uj == 0 || !reading ||
          *reading > domain.max_energy_range_uj) {
        counters_.clear();
        return false;
      }
      counters_.push_back({std::move(domain), *reading});
    }
    measuring_ = !counters_.empty();
    if (!measuring_) return false;
  }
  if (sample_every.count() > 0)
    sampler_ = std::make_unique<PeriodicTask>(sample_every, [this] { sample(); });
  return true;
}

std::optional<double> EnergyMeter::sample() {
  std::lock_guard<std::mutex> lock(mutex_);
  return sample_locked();
}

std::optional<double> EnergyMeter::stop() {
  if (sampler_) {
    sampler_->stop();  // not under mutex_: the sampler's last call may be waiting for it
    sampler_.reset();
  }
  std::lock_guard<std::mutex> lock(mutex_);
  const std::optional<double> joules = sample_locked();  // after stop(): the figure, no reading
  stopped_ = true;
  return joules;
}

std::vector<PowercapDomain> EnergyMeter::domains() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<PowercapDomain> out;
  if (!measuring_) return out;
  for (const Counter& counter : counters_) out.push_back(counter.domain);
  return out;
}

std::optional<double> EnergyMeter::sample_locked() {
  if (!measuring_) return std::nullopt;
  if (stopped_) return joules_locked();
  std::uint64_t moved = 0;
  std::vector<std::uint64_t> readings;
  readings.reserve(counters_.size());
  for (const Counter& counter : counters_) {
    const std::optional<std::uint64_t> reading = read_counter(counter.domain.dir / "energy_uj");
    if (!reading || *reading > counter.domain.max_energy_range_uj) {
      fail_locked();
      return std::nullopt;
    }
    moved += counter_delta_uj(counter.last_uj, *reading, counter.domain.max_energy_range_uj);
    readings.push_back(*reading);
  }
  for (std::size_t i = 0; i < counters_.size(); ++i) counters_[i].last_uj = readings[i];
  total_uj_ += moved;
  return joules_locked();
}

double EnergyMeter::joules_locked() const {
  return static_cast<double>(total_uj_) / kMicrojoulesPerJoule;
}

void EnergyMeter::fail_locked() {
  measuring_ = false;
  counters_.clear();
  total_uj_ = 0;
}

}  // namespace eorun
