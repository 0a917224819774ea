// A task called every `interval` on a thread of its own, until stopped.
//
//   PeriodicTask sampler(std::chrono::seconds(10), [&] { meter.sample(); });
//   ...
//   sampler.stop();  // wakes the thread at once (no waiting out the interval) and joins it
//
// The task runs first one interval after construction, never after stop() returns, and never
// twice at once. It must not throw: an exception ends the thread (and the task is called no
// more), since there is nobody on that thread to tell.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace eorun {

class PeriodicTask {
 public:
  using Duration = std::chrono::steady_clock::duration;

  PeriodicTask(Duration interval, std::function<void()> task);
  ~PeriodicTask();  // stop()
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  // Ends the thread: a call of the task in progress finishes first. Safe to call twice.
  void stop();

 private:
  void loop();

  const Duration interval_;
  const std::function<void()> task_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // last: it starts once everything above is ready
};

}  // namespace eorun
