// Naming processes of this machine so that another process can tell whether they still run: a sweep
// claim's owner, a staging folder's writer. Only a process on this host can be checked.
#pragma once

#include <sys/types.h>

#include <string>

namespace eorun {

// This machine's host name.
std::string host_name();

// Whether process `pid` of this host runs (a process of another user counts as running).
bool process_alive(pid_t pid);

// "host:pid" of this process (`separator` between the two).
std::string this_process(char separator = ':');

// Whether the process `pid` (as text) of `host` is known to be gone: the host is this one and no
// such process runs. Another host's process, or a pid that is not a number, is not known to be gone.
bool process_gone(const std::string& host, const std::string& pid);

}  // namespace eorun
