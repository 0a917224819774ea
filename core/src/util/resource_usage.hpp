// Resources this process has used so far (getrusage): peak resident memory and CPU time.
#pragma once

#include <cstdint>

namespace eorun {

struct ResourceUsage {
  std::int64_t peak_rss_bytes = 0;  // high-water mark of resident memory since the process began
  double user_cpu_seconds = 0;      // all threads
  double system_cpu_seconds = 0;
};

ResourceUsage current_resource_usage();

}  // namespace eorun
