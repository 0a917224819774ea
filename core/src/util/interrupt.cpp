#include "util/interrupt.hpp"

#include <pthread.h>

#include <csignal>
#include <mutex>

namespace eorun {

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int signal_number) {
  if (g_interrupted.exchange(true)) {
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
  }
}

}  // namespace

const std::atomic<bool>& install_interrupt_handler() {
  static std::once_flag once;
  std::call_once(once, [] {
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    // A sweep's workers start with both signals blocked, so that a stop request that arrives while
    // one is still starting waits here instead of killing it; it is delivered now, as a request.
    sigset_t stops;
    sigemptyset(&stops);
    sigaddset(&stops, SIGINT);
    sigaddset(&stops, SIGTERM);
    pthread_sigmask(SIG_UNBLOCK, &stops, nullptr);
  });
  return g_interrupted;
}

}  // namespace eorun
