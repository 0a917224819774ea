#include "util/local_process.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace eorun {

std::string host_name() {
  char host[256] = {0};
  ::gethostname(host, sizeof host - 1);
  return host;
}

bool process_alive(pid_t pid) { return ::kill(pid, 0) == 0 || errno == EPERM; }

std::string this_process(char separator) { return host_name() + separator + std::to_string(::getpid()); }

bool process_gone(const std::string& host, const std::string& pid) {
  if (host != host_name() || pid.empty()) return false;
  char* end = nullptr;
  const long value = std::strtol(pid.c_str(), &end, 10);
  if (*end != '\0' || value <= 0) return false;
  return !process_alive(static_cast<pid_t>(value));
}

}  // namespace eorun
