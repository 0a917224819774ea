// eorun: the light front (see command.hpp). It parses every command line with the whole command
// table, runs the commands it hosts (query, show) without loading LibTorch, and hands every
// other parsed command, with the same arguments, to eorun-engine beside it.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/command_line.hpp"

namespace {

// Replaces this process with eorun-engine; returns only when it cannot be started.
int hand_over_to_engine(char** argv) {
  std::error_code ec;
  const std::filesystem::path engine =
      std::filesystem::read_symlink("/proc/self/exe", ec).parent_path() / "eorun-engine";
  argv[0] = const_cast<char*>("eorun");
  ::execv(engine.c_str(), argv);
  std::cerr << "eorun: error: " << engine.string() << ": cannot start the engine: "
            << std::strerror(errno) << "; reinstall eorun (eorun-engine belongs beside eorun)\n";
  return static_cast<int>(eorun::ExitCode::failed);
}

}  // namespace

int main(int argc, char** argv) {
  eorun::AppContext context;
  eorun::CommandLine cli(context);
  eorun::declare_commands<eorun::Host::front>(cli);
  const eorun::Outcome outcome = cli.run(argc, argv);
  return outcome.hand_over ? hand_over_to_engine(argv) : outcome.exit_code;
}
