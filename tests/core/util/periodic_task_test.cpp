#include "util/periodic_task.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>

namespace eorun {
namespace {

using namespace std::chrono_literals;

// Counts the task's calls; a test waits on it (a condition variable, not a sleep).
class Calls {
 public:
  void add() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++count_;
    }
    changed_.notify_all();
  }
  // Waits until there were at least `n` calls; false if that took longer than `limit`.
  bool wait_for(int n, std::chrono::seconds limit = 30s) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, limit, [&] { return count_ >= n; });
  }
  int count() {
    std::lock_guard<std::mutex> lock(mutex_);
    return count_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int count_ = 0;
};

TEST(PeriodicTask, CallsTheTaskEveryIntervalUntilStopped) {
  Calls calls;
  PeriodicTask task(1ms, [&] { calls.add(); });
  ASSERT_TRUE(calls.wait_for(3));
  task.stop();
  const int after_stop = calls.count();
  EXPECT_GE(after_stop, 3);
  task.stop();  // twice is fine
  EXPECT_EQ(calls.count(), after_stop);
}

TEST(PeriodicTask, StoppingDoesNotWaitOutTheInterval) {
  Calls calls;
  const auto begin = std::chrono::steady_clock::now();
  {
    PeriodicTask task(std::chrono::hours(1), [&] { calls.add(); });
  }  // the destructor stops it
  // Waiting out the interval would take an hour; waking the thread takes microseconds.
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 10s);
  EXPECT_EQ(calls.count(), 0) << "the first call comes one interval after the start";
}

TEST(PeriodicTask, AThrowingTaskIsCalledNoMore) {
  Calls calls;
  PeriodicTask task(1ms, [&] {
    calls.add();
    throw std::runtime_error("cannot sample");
  });
  ASSERT_TRUE(calls.wait_for(1));
  task.stop();
  EXPECT_EQ(calls.count(), 1);
}

}  // namespace
}  // namespace eorun
