// The environment a run executes in: versions of eorun and of every library that can change
// results, the compiler, the host. Recorded with every run.
#pragma once

#include <string>

#include "registry/run_record.hpp"

namespace eorun {

// sha256 of the running eorun executable: any change to the code that trains changes it.
// Computed once per process.
const std::string& build_id();

// eorun_version, git_commit, build_id, and in `other`: build_type, libtorch, gdal, lua, sqlite,
// compiler, cpu, hostname, os.
RunEnvironment describe_environment();

}  // namespace eorun
