// The options of `eorun new-plugin KIND NAME [--dir DIR]` (implementation:
// cli/new_plugin_command.cpp).
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace eorun {

struct NewPluginArgs {
  std::string kind;  // model, dataset or loss
  std::string name;
  std::string dir;  // empty: ./NAME
};

void declare_new_plugin(CLI::App& command, NewPluginArgs& args);

}  // namespace eorun
