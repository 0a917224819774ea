#include "cli/command_line.hpp"

#include <algorithm>
#include <exception>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/command_word.hpp"
#include "cli/global_options.hpp"
#include "eorun/error.hpp"
#include "spec/error_list.hpp"

namespace eorun {

CommandLine::CommandLine(AppContext& context)
    : context_(context), app_(std::make_unique<CLI::App>()) {
  declare_global_options(*app_, context_);
}

CommandLine::~CommandLine() = default;

CLI::App& CommandLine::add_command(const CommandInfo& info, std::shared_ptr<void> args,
                                   std::function<void()> run) {
  CLI::App* command = app_->add_subcommand(std::string(info.name), std::string(info.summary));
  if (info.listing == Listing::hidden) command->group("");  // not in --help
  const bool hosted_here = static_cast<bool>(run);
  if (hosted_here) command->callback(std::move(run));
  commands_.push_back({command, std::move(args), hosted_here});
  return *command;
}

Outcome CommandLine::run(int argc, char** argv) {
  try {
    const std::vector<std::string> args =
        with_command_word(*app_, std::vector<std::string>(argv + std::min(argc, 1), argv + argc));
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them last first
    app_->parse(reversed);
  } catch (const CLI::ParseError& e) {
    const int code = app_->exit(e);
    return {code == 0 ? 0 : static_cast<int>(ExitCode::bad_input)};
  } catch (const ErrorList& list) {
    for (const Error& e : list.errors()) std::cerr << "eorun: error: " << e.what() << "\n";
    return {static_cast<int>(ExitCode::bad_input)};
  } catch (const Error& e) {
    std::cerr << "eorun: error: " << e.what() << "\n";
    return {static_cast<int>(context_.exit_code == ExitCode::ok ? ExitCode::bad_input
                                                                 : context_.exit_code)};
  } catch (const std::exception& e) {
    std::cerr << "eorun: error: " << e.what() << "\n";
    return {static_cast<int>(ExitCode::failed)};
  }
  for (const Declared& command : commands_)
    if (command.app->parsed() && !command.hosted_here) return {0, true};
  return {static_cast<int>(context_.exit_code)};
}

}  // namespace eorun
