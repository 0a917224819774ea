// The options of `eorun plugins [show NAME]` (implementation: cli/plugins_command.cpp).
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace eorun {

struct PluginsArgs {
  enum class Action { list, show };
  Action action = Action::list;  // `plugins` lists, `plugins show NAME` shows one
  std::string format = "table";
  std::string name;  // plugins show NAME
  std::string kind;  // plugins show --kind
};

void declare_plugins(CLI::App& command, PluginsArgs& args);

}  // namespace eorun
