// The options of `eorun export RUN_ID --out FILE` (implementation: cli/export_command.cpp).
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace eorun {

struct ExportArgs {
  std::string run;         // a run id or a unique prefix
  std::string out;         // FILE.safetensors or FILE.pt
  std::string checkpoint = "best";
};

void declare_export(CLI::App& command, ExportArgs& args);

}  // namespace eorun
