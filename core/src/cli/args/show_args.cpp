#include "cli/args/show_args.hpp"

#include <CLI/CLI.hpp>

namespace eorun {

void declare_show(CLI::App& command, ShowArgs& args) {
  command.add_option("run", args.run, "Run id, or a unique prefix of at least 6 hex digits")
      ->required()
      ->type_name("RUN_ID");
  command
      .add_option("--format", args.format,
                  "table for people; json prints the run's record exactly as recorded")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  command.footer(
      "Examples:\n"
      "  eorun show 3f2a9c\n"
      "  eorun show 3f2a9c81d0e4 --format json > record.json\n"
      "Sections: identity and status, spec, plugins (with sha256), data (manifest hash),\n"
      "environment, timing, epochs (val metrics, weights hash), test metrics, checkpoint and\n"
      "weight hashes.");
}

}  // namespace eorun
