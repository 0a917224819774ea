#include "cli/args/plugins_args.hpp"

#include <CLI/CLI.hpp>

namespace eorun {

void declare_plugins(CLI::App& command, PluginsArgs& args) {
  command.add_option("--format", args.format, "Output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  command.footer(
      "Plugins are loaded from: plugins/ next to the eorun binary, the install's\n"
      "lib/eorun/plugins, every folder of EORUN_PLUGIN_PATH (colon-separated), then every\n"
      "--plugin-path. A library that is refused (wrong ABI, wrong LibTorch, ...) is reported\n"
      "as a warning on stderr.\n\n"
      "Examples:\n"
      "  eorun plugins\n"
      "  eorun plugins --format json\n"
      "  eorun --plugin-path ~/mynet/build plugins\n"
      "  eorun plugins show shortcnn");
  command.require_subcommand(0, 1);

  CLI::App* show = command.add_subcommand("show", "Show one plugin and its parameter schema");
  show->add_option("NAME", args.name, "Plugin name")->required();
  show->add_option("--kind", args.kind, "Kind, when several plugins share the name")
      ->check(CLI::IsMember({"model", "dataset", "loss"}));
  show->add_option("--format", args.format, "Output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  show->footer(
      "Examples:\n"
      "  eorun plugins show shortcnn\n"
      "  eorun plugins show bce --kind loss --format json");
  show->callback([&args] { args.action = PluginsArgs::Action::show; });
}

}  // namespace eorun
