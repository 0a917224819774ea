// eorun plugin SDK utility (header only, not part of the ABI): run a body for every index of a
// range on a few threads, with errors that do not depend on the thread count.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace eorun {

// The thread count to use for `requested` (<= 0: one per core), never more than `work_items`
// and never less than 1.
inline std::size_t worker_count(int requested, std::size_t work_items) {
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t wanted = requested > 0 ? static_cast<std::size_t>(requested) : cores;
  return std::max<std::size_t>(1, std::min(wanted, work_items));
}

// Calls body(i) for every i in [0, count) on worker_count(threads, count) threads (the calling
// thread is one of them). Indices are claimed in increasing order. When bodies throw, no index
// above the lowest failing one is started afterwards, every index below it still runs, and the
// exception of the lowest failing index is rethrown: the error a user sees is the same for any
// number of threads.
template <typename Body>
void parallel_for(std::size_t count, int threads, const Body& body) {
  if (count == 0) return;
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> lowest_failure{count};
  std::mutex mutex;
  std::exception_ptr error;
  auto work = [&] {
    for (;;) {
      const std::size_t i = next.fetch_add(1);
      if (i >= count || i > lowest_failure.load()) return;
      try {
        body(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (i < lowest_failure.load()) {
          lowest_failure.store(i);
          error = std::current_exception();
        }
      }
    }
  };
  std::vector<std::thread> workers;
  const std::size_t n = worker_count(threads, count);
  for (std::size_t t = 1; t < n; ++t) workers.emplace_back(work);
  work();
  for (std::thread& worker : workers) worker.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace eorun
