// The top level of eorun's command line, declared once for both executables: the description,
// --help, --version, --plugin-path and --registry, the examples, and the form of usage errors.
#pragma once

#include "cli/app_context.hpp"

namespace CLI {
class App;
}

namespace eorun {

// Declares them on `app`; the global options parse into `context`.
void declare_global_options(CLI::App& app, AppContext& context);

}  // namespace eorun
