// The SDK's parallel_for: every index once, and errors that do not depend on the thread count.
#include "eorun/parallel_for.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

namespace eorun {
namespace {

TEST(ParallelFor, RunsEveryIndexExactlyOnce) {
  for (int threads : {1, 2, 5}) {
    std::vector<std::atomic<int>> hits(1000);
    parallel_for(hits.size(), threads, [&](std::size_t i) { ++hits[i]; });
    for (const auto& h : hits) ASSERT_EQ(h.load(), 1) << threads << " threads";
  }
  parallel_for(0, 3, [](std::size_t) { FAIL() << "no index in an empty range"; });
}

TEST(ParallelFor, RethrowsTheErrorOfTheLowestFailingIndexForAnyThreadCount) {
  for (int threads : {1, 2, 4, 8}) {
    try {
      parallel_for(500, threads, [](std::size_t i) {
        if (i % 97 == 13) throw std::runtime_error("index " + std::to_string(i));
      });
      FAIL() << "nothing was thrown";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "index 13") << threads << " threads";
    }
  }
}

TEST(ParallelFor, WorkerCountIsBoundedByTheWork) {
  EXPECT_EQ(worker_count(4, 2), 2u);
  EXPECT_EQ(worker_count(4, 0), 1u);
  EXPECT_EQ(worker_count(3, 100), 3u);
  EXPECT_GE(worker_count(0, 100), 1u);
}

}  // namespace
}  // namespace eorun
