// Worker processes of a sweep: `eorun-engine worker ...` children that train one run each and write
// its bundle (they never touch the registry). A worker dies with its coordinator (PR_SET_PDEATHSIG),
// so a killed coordinator leaves no orphan training behind; the claim it held expires.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace eorun {

// Starts `program` with `args` (argv[1..]); throws eorun::Error when it cannot be started.
pid_t start_worker(const std::filesystem::path& program, const std::vector<std::string>& args);

struct WorkerExit {
  pid_t pid = -1;
  bool signalled = false;
  int code = 0;  // exit code, or the signal number when signalled
};

// Waits for any child to end; nullopt when there is no child left.
std::optional<WorkerExit> wait_for_worker();

}  // namespace eorun
