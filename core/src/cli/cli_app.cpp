#include "cli/cli_app.hpp"

#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "eorun/error.hpp"
#include "spec/error_list.hpp"
#include "util/version.hpp"

namespace eorun {

void configure_app(CLI::App& app, AppContext& context) {
  app.name("eorun");
  app.description("eorun: reproducible experiments for Earth-observation deep learning");
  app.set_version_flag("--version", std::string(kEorunVersion));
  app.require_subcommand(1);
  app.add_option("--plugin-path", context.plugin_paths,
                 "Extra folder or .so to load plugins from (repeatable; also EORUN_PLUGIN_PATH)")
      ->delimiter(':');
  app.add_option("--registry", context.registry,
                 "Run registry database (default: eorun.toml's [registry] path, else ./eorun.db)");
  app.footer(
      "Examples:\n"
      "  eorun data synth --dataset bigearthnet --out data/synth --patches 600\n"
      "  eorun run scripts/quickstart.toml\n"
      "  eorun query --best f1_macro\n"
      "  eorun show RUN_ID --format json\n"
      "  eorun plugins show shortcnn\n"
      "Exit codes: 0 ok, 1 a run or check failed, 2 bad input, 130 interrupted.");
}

int run_app(CLI::App& app, AppContext& context, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitCode::bad_input);
  } catch (const ErrorList& list) {
    for (const Error& e : list.errors()) std::cerr << "eorun: error: " << e.what() << "\n";
    return static_cast<int>(ExitCode::bad_input);
  } catch (const Error& e) {
    std::cerr << "eorun: error: " << e.what() << "\n";
    return static_cast<int>(context.exit_code == ExitCode::ok ? ExitCode::bad_input : context.exit_code);
  } catch (const std::exception& e) {
    std::cerr << "eorun: error: " << e.what() << "\n";
    return static_cast<int>(ExitCode::failed);
  }
  return static_cast<int>(context.exit_code);
}

}  // namespace eorun
