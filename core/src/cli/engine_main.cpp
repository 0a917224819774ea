// eorun-engine: every subcommand, with plugins, data and training (see cli_app.hpp).
#include <CLI/CLI.hpp>

#include "cli/cli_app.hpp"
#include "cli/commands.hpp"

int main(int argc, char** argv) {
  eorun::AppContext context;
  CLI::App app;
  eorun::configure_app(app, context);
  eorun::add_plugins_command(app, context);
  eorun::add_data_command(app, context);
  eorun::add_run_command(app, context);
  eorun::add_query_command(app, context);
  eorun::add_show_command(app, context);
  eorun::add_sweep_command(app, context);
  eorun::add_reproduce_command(app, context);
  eorun::add_verify_command(app, context);
  eorun::add_worker_command(app, context);
  eorun::add_new_plugin_command(app, context);
  return eorun::run_app(app, context, argc, argv);
}
