// The options of `eorun show RUN_ID` (implementation: cli/show_command.cpp).
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace eorun {

struct ShowArgs {
  std::string run;  // a run id or a unique prefix
  std::string format = "table";
};

void declare_show(CLI::App& command, ShowArgs& args);

}  // namespace eorun
