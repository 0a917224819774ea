#include "util/interrupt.hpp"

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
  });
  return g_interrupted;
}

}  // namespace eorun
