// One function per subcommand, each defined in its own file (cli/<name>_command.cpp). Each adds
// its subcommand to `app` with options, help and examples, and a callback that does the work
// and sets `context.exit_code`. Errors are thrown as eorun::Error and printed by main.
#pragma once

namespace CLI {
class App;
}

#include "cli/app_context.hpp"

namespace eorun {

void add_plugins_command(CLI::App& app, AppContext& context);  // eorun plugins [show NAME]
void add_data_command(CLI::App& app, AppContext& context);     // eorun data synth|inspect
void add_run_command(CLI::App& app, AppContext& context);      // eorun run CONFIG.toml
void add_query_command(CLI::App& app, AppContext& context);    // eorun query --best METRIC
void add_show_command(CLI::App& app, AppContext& context);     // eorun show RUN_ID
void add_sweep_command(CLI::App& app, AppContext& context);    // eorun sweep FILE.lua
void add_reproduce_command(CLI::App& app, AppContext& context);  // eorun reproduce RUN_ID
void add_verify_command(CLI::App& app, AppContext& context);     // eorun verify [RUN_ID|--all]
void add_worker_command(CLI::App& app, AppContext& context);   // eorun worker (started by sweep)
void add_new_plugin_command(CLI::App& app, AppContext& context);  // eorun new-plugin KIND NAME

}  // namespace eorun
