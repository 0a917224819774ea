#include "cli/global_options.hpp"

#include <algorithm>
#include <cstddef>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/command_table.hpp"
#include "util/version.hpp"

namespace eorun {

namespace {

// "  eorun FILE.toml ...      is eorun run FILE.toml ..." for each file spelling of the table.
std::string file_spellings() {
  constexpr std::size_t kColumn = 24;
  std::string out;
  for (const CommandInfo& info : kCommandInfos) {
    if (info.file.suffix.empty()) continue;
    const std::string file = "FILE" + std::string(info.file.suffix) + " ...";
    const std::string spelling = "  eorun " + file;
    out += "\n" + spelling + std::string(kColumn - std::min(kColumn - 1, spelling.size()), ' ') +
           "is eorun " + std::string(info.name) + " " + file;
  }
  return out.empty() ? out : "\nA file as the first word runs its command:" + out;
}

// CLI11's usage errors in eorun's form, with the help of the command that was given.
std::string usage_error(const CLI::App* app, const CLI::Error& error) {
  std::string command = app->get_name();
  for (const CLI::App* given = app; !given->get_subcommands().empty();) {
    given = given->get_subcommands().front();
    command += " " + given->get_name();
  }
  return "eorun: error: " + std::string(error.what()) + "; see `" + command + " --help`\n";
}

}  // namespace

void declare_global_options(CLI::App& app, AppContext& context) {
  app.name("eorun");
  app.description("eorun: reproducible experiments for Earth-observation deep learning");
  app.set_version_flag("--version", std::string(kEorunVersion));
  app.require_subcommand(1);
  app.failure_message(usage_error);
  app.add_option("--plugin-path", context.plugin_paths,
                 "Extra folder or .so to load plugins from (repeatable; also EORUN_PLUGIN_PATH)")
      ->delimiter(':');
  app.add_option("--registry", context.registry,
                 "Run registry database (default: eorun.toml's [registry] path, else ./eorun.db)");
  app.footer(
      "Examples:\n"
      "  eorun data synth --dataset bigearthnet --out data/synth --patches 600\n"
      "  eorun scripts/quickstart.toml\n"
      "  eorun scripts/rgb_vs_ms.lua --jobs 2\n"
      "  eorun query --best f1_macro\n"
      "  eorun show RUN_ID --format json\n"
      "  eorun plugins show shortcnn" +
      file_spellings() +
      "\nExit codes: 0 ok, 1 a run or check failed, 2 bad input, 130 interrupted.");
}

}  // namespace eorun
