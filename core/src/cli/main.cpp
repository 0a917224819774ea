// eorun: the command-line entry point. Kept thin: subcommands live in their own files.
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/app_context.hpp"
#include "cli/commands.hpp"
#include "eorun/error.hpp"
#include "spec/error_list.hpp"
#include "util/version.hpp"

int main(int argc, char** argv) {
  using eorun::ExitCode;
  eorun::AppContext context;
  CLI::App app{"eorun: reproducible experiments for Earth-observation deep learning"};
  app.set_version_flag("--version", std::string(eorun::kEorunVersion));
  app.require_subcommand(1);
  app.add_option("--plugin-path", context.plugin_paths,
                 "Extra folder or .so to load plugins from (repeatable; also EORUN_PLUGIN_PATH)")
      ->delimiter(':');
  app.add_option("--registry", context.registry,
                 "Run registry database (default: eorun.toml's [registry] path, else ./eorun.db)");
  app.footer(
      "Examples:\n"
      "  eorun data synth --out data/synth --patches 600\n"
      "  eorun run scripts/quickstart.toml\n"
      "  eorun query --best f1_macro\n"
      "  eorun show RUN_ID --format json\n"
      "  eorun plugins show shortcnn");

  eorun::add_plugins_command(app, context);
  eorun::add_data_command(app, context);
  eorun::add_run_command(app, context);
  eorun::add_query_command(app, context);
  eorun::add_show_command(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitCode::bad_input);
  } catch (const eorun::ErrorList& list) {
    for (const eorun::Error& e : list.errors()) std::cerr << "eorun: error: " << e.what() << "\n";
    return static_cast<int>(ExitCode::bad_input);
  } catch (const eorun::Error& e) {
    std::cerr << "eorun: error: " << e.what() << "\n";
    return static_cast<int>(context.exit_code == ExitCode::ok ? ExitCode::bad_input
                                                               : context.exit_code);
  } catch (const std::exception& e) {
    std::cerr << "eorun: error: " << e.what() << "\n";
    return static_cast<int>(ExitCode::failed);
  }
  return static_cast<int>(context.exit_code);
}
