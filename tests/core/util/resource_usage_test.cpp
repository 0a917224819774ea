#include "util/resource_usage.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace eorun {
namespace {

TEST(ProcessCpuSeconds, GrowsWithWorkDone) {
  const std::optional<double> before = process_cpu_seconds();
  ASSERT_TRUE(before.has_value());
  // Work until the process clock has moved (it ticks in steps of a few milliseconds at most).
  volatile double sink = 0;
  std::optional<double> after = process_cpu_seconds();
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (*after == *before && std::chrono::steady_clock::now() < give_up) {
    for (int i = 0; i < 100000; ++i) sink = sink + i * 0.5;
    after = process_cpu_seconds();
  }
  EXPECT_GT(*after, *before);
  const ResourceUsage usage = current_resource_usage();
  EXPECT_NEAR(usage.user_cpu_seconds + usage.system_cpu_seconds, *after, 1.0);
}

}  // namespace
}  // namespace eorun
