// Exit codes, set in one place.
#pragma once

namespace eorun {

enum class ExitCode : int {
  ok = 0,           // everything asked for succeeded
  failed = 1,       // a run or a check failed (recorded as such)
  bad_input = 2,    // bad input or usage; nothing was changed
  interrupted = 130 // Ctrl-C
};

}  // namespace eorun
