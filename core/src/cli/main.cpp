// eorun: the light front. Registry commands run here without LibTorch; everything else is handed
// to eorun-engine (see cli_app.hpp).
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string_view>

#include <CLI/CLI.hpp>

#include "cli/cli_app.hpp"
#include "cli/commands.hpp"

namespace {

// The first argument that is not a global option (or its value): the subcommand, or "" for none.
std::string_view subcommand_of(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--plugin-path" || arg == "--registry") {
      ++i;
      continue;
    }
    if (arg.rfind("--plugin-path=", 0) == 0 || arg.rfind("--registry=", 0) == 0) continue;
    if (!arg.empty() && arg[0] == '-') return "";
    return arg;
  }
  return "";
}

bool runs_in_front(std::string_view subcommand) { return subcommand == "query" || subcommand == "show"; }

}  // namespace

int main(int argc, char** argv) {
  if (!runs_in_front(subcommand_of(argc, argv))) {
    std::error_code ec;
    const std::filesystem::path engine =
        std::filesystem::read_symlink("/proc/self/exe", ec).parent_path() / "eorun-engine";
    argv[0] = const_cast<char*>("eorun");
    ::execv(engine.c_str(), argv);
    std::cerr << "eorun: error: " << engine.string() << ": cannot start the engine: "
              << std::strerror(errno) << "; reinstall eorun (eorun-engine belongs beside eorun)\n";
    return static_cast<int>(eorun::ExitCode::failed);
  }
  eorun::AppContext context;
  CLI::App app;
  eorun::configure_app(app, context);
  eorun::add_query_command(app, context);
  eorun::add_show_command(app, context);
  return eorun::run_app(app, context, argc, argv);
}
