#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace eorun {

void add_plugins_command(CLI::App& app, AppContext& context) {
  // Placeholder until the subcommand lands.
  app.add_subcommand("plugins", "(not yet built)");
}

}  // namespace eorun
