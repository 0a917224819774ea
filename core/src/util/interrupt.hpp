// Ctrl-C as a request, not a kill: the first SIGINT (or SIGTERM) sets a flag that long work polls
// between steps so it can stop cleanly and record what happened; a second one ends the process.
#pragma once

#include <atomic>

namespace eorun {

// Installs the handlers (once) and returns the flag they set.
const std::atomic<bool>& install_interrupt_handler();

}  // namespace eorun
