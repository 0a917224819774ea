#include "cli/args/reproduce_args.hpp"

#include <CLI/CLI.hpp>

namespace eorun {

void declare_reproduce(CLI::App& command, ReproduceArgs& args) {
  command.add_option("run", args.run, "Run id or a unique prefix (at least 6 hex digits)")
      ->required();
  command.add_flag("--no-progress", args.no_progress, "Do not show training progress");
  command.footer(
      "Examples:\n"
      "  eorun reproduce 015899d9b17b\n"
      "Compares the final weights hash and the per-epoch weights hash chain; reports the first epoch\n"
      "that differs and by how much. Nothing is written to the registry. Exit code 0 identical, 1 not.");
}

}  // namespace eorun
