// The options of `eorun cache build|ls|verify|gc` (implementation: cli/cache_command.cpp).
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace eorun {

struct CacheArgs {
  enum class Action { build, ls, verify, gc };
  Action action = Action::ls;
  // build: the runs whose splits to cache
  std::string config;               // RUN.toml
  std::string sweep;                // FILE.lua
  std::vector<std::string> sets;    // --set KEY=VALUE (sweep overrides)
  int threads = 0;                  // 0: one per core
  // ls
  std::string format = "table";
  // verify
  std::vector<std::string> keys;    // key prefixes; none: every cache
  bool keep = false;                // report only, remove nothing
  // gc
  std::string older_than;           // e.g. "30d", "12h"
  std::string max_size;             // e.g. "50G", "800M"
  bool dry_run = false;
};

void declare_cache(CLI::App& command, CacheArgs& args);

}  // namespace eorun
