#include "cli/args/new_plugin_args.hpp"

#include <CLI/CLI.hpp>

namespace eorun {

void declare_new_plugin(CLI::App& command, NewPluginArgs& args) {
  command.add_option("kind", args.kind, "model, dataset or loss")
      ->required()
      ->check(CLI::IsMember({"model", "dataset", "loss"}));
  command.add_option("name", args.name, "Plugin name ([a-z0-9_]+), also the project's name")
      ->required();
  command.add_option("--dir", args.dir, "Folder to write (default: ./NAME; must not exist)");
  command.footer(
      "Examples:\n"
      "  eorun new-plugin model mynet\n"
      "  eorun new-plugin dataset my_archive --dir ~/src/my_archive\n"
      "The project has: CMakeLists.txt (find_package(eorun), eorun_add_plugin), NAME.cpp (the\n"
      "plugin, its parameters and its kind's interface, commented), load_test.cpp and\n"
      "NAME_test.cpp (GoogleTests: eorun's loader loads it, then eorun uses it), README.md.");
}

}  // namespace eorun
