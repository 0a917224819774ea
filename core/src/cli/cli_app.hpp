// What both executables share: the global options, the help text, and how a parsed command's
// errors become messages and exit codes.
//
// eorun is two executables. `eorun` is the light front: registry commands (query, show) run in it
// directly, without loading LibTorch (whose start-up alone costs more than a query over 100k runs).
// Every other command is handed, with the same arguments, to `eorun-engine` beside it, which holds
// everything (plugins, data, training). The engine's sha256 is the build id of every run.
#pragma once

#include "cli/app_context.hpp"

namespace CLI {
class App;
}

namespace eorun {

// Adds --plugin-path, --registry and --version, the description and the examples.
void configure_app(CLI::App& app, AppContext& context);

// Parses and runs; prints `eorun: error: ...` for failures; returns the process exit code.
int run_app(CLI::App& app, AppContext& context, int argc, char** argv);

}  // namespace eorun
