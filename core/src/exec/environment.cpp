#include "exec/environment.hpp"

#include <cstdlib>

#include <fstream>
#include <mutex>

#include <gdal.h>
#include <lua.h>
#include <sqlite3.h>
#include <sys/utsname.h>
#include <torch/version.h>
#include <unistd.h>

#include "util/sha256.hpp"
#include "util/version.hpp"

namespace eorun {

namespace {

std::string cpu_model() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0) {
      auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(' ', colon + 1));
    }
  }
  return "unknown";
}

}  // namespace

const std::string& build_id() {
  static std::once_flag once;
  static std::string id;
  std::call_once(once, [] { id = sha256_file("/proc/self/exe"); });
  return id;
}

RunEnvironment describe_environment() {
  struct utsname uts {};
  uname(&uts);
  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  RunEnvironment env;
  env.eorun_version = kEorunVersion;
  env.git_commit = kGitCommit;
  env.build_id = build_id();
  env.other = {
      {"build_type", std::string(kBuildType)},
      {"libtorch", TORCH_VERSION},
      {"gdal", GDALVersionInfo("RELEASE_NAME")},
      {"lua", LUA_RELEASE},
      {"sqlite", sqlite3_libversion()},
      {"compiler", std::string(kCompiler)},
      {"cpu", cpu_model()},
      {"hostname", host},
      {"os", std::string(uts.sysname) + " " + uts.release + " " + uts.machine},
  };
  // A run trained by a task of a Slurm job array (eorun sweep --executor slurm) names its task.
  const char* job = std::getenv("SLURM_ARRAY_JOB_ID");
  const char* task = std::getenv("SLURM_ARRAY_TASK_ID");
  if (job && task) {
    const char* node = std::getenv("SLURMD_NODENAME");
    env.other["slurm"] = {{"job_id", job}, {"task_id", task}, {"node", node ? node : host}};
  }
  return env;
}

}  // namespace eorun
