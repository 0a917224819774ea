// Where the run registry is: one place for every subcommand to ask.
#pragma once

#include <filesystem>

#include "cli/app_context.hpp"

namespace eorun {

// --registry when given, else eorun.toml's [registry] path, else ./eorun.db.
std::filesystem::path registry_path(const AppContext& context);

// registry_path(), for commands that only read: throws eorun::Error when no registry is there
// yet (rather than creating an empty one).
std::filesystem::path existing_registry_path(const AppContext& context);

}  // namespace eorun
