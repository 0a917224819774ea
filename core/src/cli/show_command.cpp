#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace eorun {

void add_show_command(CLI::App& app, AppContext& context) {
  // Placeholder until the subcommand lands.
  app.add_subcommand("show", "(not yet built)");
}

}  // namespace eorun
