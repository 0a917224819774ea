#include "cli/registry_path.hpp"

#include <system_error>

#include "eorun/error.hpp"
#include "spec/project_config.hpp"

namespace eorun {

std::filesystem::path registry_path(const AppContext& context) {
  if (!context.registry.empty()) return context.registry;
  return load_project_config(std::filesystem::current_path()).registry;
}

std::filesystem::path existing_registry_path(const AppContext& context) {
  std::filesystem::path path = registry_path(context);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw Error(path.string(), "no run registry here",
                "run `eorun run CONFIG.toml` first or pass --registry");
  return path;
}

}  // namespace eorun
