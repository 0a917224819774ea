// eorun-engine: hosts every command of the table, with plugins, data and training (see
// command.hpp).
#include "cli/command_line.hpp"

int main(int argc, char** argv) {
  eorun::AppContext context;
  eorun::CommandLine cli(context);
  eorun::declare_commands<eorun::Host::engine>(cli);
  return cli.run(argc, argv).exit_code;
}
