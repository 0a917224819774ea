#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace eorun {

void add_data_command(CLI::App& app, AppContext& context) {
  // Placeholder until the subcommand lands.
  app.add_subcommand("data", "(not yet built)");
}

}  // namespace eorun
