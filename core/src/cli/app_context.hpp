// What every subcommand shares: global options and the exit code it sets.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cli/exit_codes.hpp"
#include "plugins/catalogue.hpp"

namespace eorun {

struct AppContext {
  std::vector<std::string> plugin_paths;  // --plugin-path (repeatable, or colon-separated)
  std::string registry;                   // --registry; empty: eorun.toml's, else ./eorun.db
  ExitCode exit_code = ExitCode::ok;

  // Discovers plugins on the default search path plus --plugin-path. Refused libraries are
  // reported on stderr as warnings (they never stop the command).
  Catalogue load_catalogue() const;
};

}  // namespace eorun
