#include "util/periodic_task.hpp"

#include <utility>

namespace eorun {

PeriodicTask::PeriodicTask(Duration interval, std::function<void()> task)
    : interval_(interval), task_(std::move(task)), thread_([this] { loop(); }) {}

PeriodicTask::~PeriodicTask() { stop(); }

void PeriodicTask::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PeriodicTask::loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  // wait_for returns false when the interval passed without a stop request.
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    try {
      task_();
    } catch (...) {
      return;  // see the header: a throwing task is called no more
    }
    lock.lock();
  }
}

}  // namespace eorun
