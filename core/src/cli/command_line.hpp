// The command line of one process: the global options (global_options.hpp) and every command of
// the table (command_table.hpp) on one CLI11 app, with implementations bound only to the
// commands that this process hosts. Each executable's main is three lines:
//
//   AppContext context;
//   CommandLine cli(context);
//   declare_commands<Host::front>(cli);        // or Host::engine
//   ... cli.run(argc, argv) ...
//
// Both processes parse a command line the same way, so `eorun` answers --help, --version and
// every usage error itself, and hands a parsed engine command to `eorun-engine` unchanged.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "cli/app_context.hpp"
#include "cli/command.hpp"
#include "cli/command_table.hpp"
#include "cli/commands.hpp"

namespace eorun {

// What became of a command line.
struct Outcome {
  int exit_code = 0;       // of the command run here, or of printing help, the version or an error
  bool hand_over = false;  // it parsed into a command this process does not host; nothing ran
};

class CommandLine {
 public:
  // The global options, parsed into `context`; no command yet.
  explicit CommandLine(AppContext& context);
  ~CommandLine();
  CommandLine(const CommandLine&) = delete;
  CommandLine& operator=(const CommandLine&) = delete;

  // Declares the command of `row`. `execute`, when not null, runs it once it is parsed.
  template <class Args>
  void add(const Command<Args>& row,
           void (*execute)(const typename Command<Args>::Args&, AppContext&)) {
    auto args = std::make_shared<Args>();
    std::function<void()> run;
    if (execute != nullptr) run = [this, execute, args] { execute(*args, context_); };
    row.declare(add_command(row.info(), args, std::move(run)), *args);
  }

  // Parses `argv` (argv[0] is the program) and runs the command when it is hosted here. Prints
  // help, the version, and every error as `eorun: error: ...`. The exit code is 0 for help and
  // the version, 2 (bad input) for a usage error, else the command's.
  Outcome run(int argc, char** argv);

 private:
  struct Declared {
    CLI::App* app = nullptr;
    std::shared_ptr<void> args;  // CLI11 writes the parsed options here
    bool hosted_here = false;
  };

  CLI::App& add_command(const CommandInfo& info, std::shared_ptr<void> args,
                        std::function<void()> run);

  AppContext& context_;
  std::unique_ptr<CLI::App> app_;
  std::vector<Declared> commands_;
};

namespace detail {

template <Host process, std::size_t row>
void declare_row(CommandLine& cli) {
  constexpr const auto& command = std::get<row>(kCommandTable);
  using Args = typename std::decay_t<decltype(command)>::Args;
  // Only what this process hosts is named (and so linked): the front never sees the engine.
  if constexpr (serves(process, command.host))
    cli.add(command, [](const Args& args, AppContext& context) { execute(args, context); });
  else
    cli.add(command, nullptr);
}

template <Host process, std::size_t... rows>
void declare_rows(CommandLine& cli, std::index_sequence<rows...>) {
  (declare_row<process, rows>(cli), ...);
}

}  // namespace detail

// Declares every command of the table on `cli` and binds the implementation of each command
// that `process` hosts.
template <Host process>
void declare_commands(CommandLine& cli) {
  detail::declare_rows<process>(cli, std::make_index_sequence<kCommandCount>{});
}

}  // namespace eorun
