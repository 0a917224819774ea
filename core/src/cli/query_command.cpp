#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace eorun {

void add_query_command(CLI::App& app, AppContext& context) {
  // Placeholder until the subcommand lands.
  app.add_subcommand("query", "(not yet built)");
}

}  // namespace eorun
