#include "util/resource_usage.hpp"

#include <sys/resource.h>

namespace eorun {

namespace {

double seconds(const timeval& value) {
  return static_cast<double>(value.tv_sec) + static_cast<double>(value.tv_usec) * 1e-6;
}

std::optional<rusage> own_usage() {
  rusage raw{};
  if (getrusage(RUSAGE_SELF, &raw) != 0) return std::nullopt;
  return raw;
}

}  // namespace

ResourceUsage current_resource_usage() {
  ResourceUsage usage;
  const std::optional<rusage> raw = own_usage();
  if (!raw) return usage;
  // Linux reports ru_maxrss in kibibytes.
  usage.peak_rss_bytes = static_cast<std::int64_t>(raw->ru_maxrss) * 1024;
  usage.user_cpu_seconds = seconds(raw->ru_utime);
  usage.system_cpu_seconds = seconds(raw->ru_stime);
  return usage;
}

std::optional<double> process_cpu_seconds() {
  const std::optional<rusage> raw = own_usage();
  if (!raw) return std::nullopt;
  return seconds(raw->ru_utime) + seconds(raw->ru_stime);
}

}  // namespace eorun
