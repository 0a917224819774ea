// Resources this process has used so far (getrusage): peak resident memory and CPU time.
#pragma once

#include <cstdint>
#include <optional>

namespace eorun {

struct ResourceUsage {
  std::int64_t peak_rss_bytes = 0;  // high-water mark of resident memory since the process began
  double user_cpu_seconds = 0;      // all threads
  double system_cpu_seconds = 0;
};

// Zeros when getrusage fails.
ResourceUsage current_resource_usage();

// User + system CPU time of every thread of this process so far; nullopt when getrusage fails.
// The CPU time of a piece of work is the difference of two calls around it.
std::optional<double> process_cpu_seconds();

}  // namespace eorun
