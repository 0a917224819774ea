#include "cli/command_word.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string_view>
#include <system_error>

#include <CLI/CLI.hpp>

#include "cli/command_table.hpp"
#include "eorun/error.hpp"

namespace eorun {

namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Index of the first word in `args`; nullopt when the arguments are only global options, or an
// option the app does not know comes first (CLI11 reports it).
std::optional<std::size_t> first_word(const CLI::App& app, const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.empty() || arg[0] != '-') return i;
    if (arg == "--") return std::nullopt;
    const std::size_t equals = arg.find('=');
    const CLI::Option* option = app.get_option_no_throw(arg.substr(0, equals));
    if (option == nullptr) return std::nullopt;
    const bool takes_value = option->get_type_size_max() > 0;
    if (takes_value && equals == std::string::npos) ++i;  // `--registry PATH`
  }
  return std::nullopt;
}

// "plugins, data, run, ...": the commands --help lists.
std::string listed_commands() {
  std::string out;
  for (const CommandInfo& info : kCommandInfos)
    if (info.listing == Listing::shown) out += (out.empty() ? "" : ", ") + std::string(info.name);
  return out;
}

// "a run config (FILE.toml) or a sweep script (FILE.lua)".
std::string listed_files() {
  std::string out;
  for (const CommandInfo& info : kCommandInfos)
    if (!info.file.suffix.empty())
      out += (out.empty() ? "a " : " or a ") + std::string(info.file.what) + " (FILE" +
             std::string(info.file.suffix) + ")";
  return out;
}

}  // namespace

std::vector<std::string> with_command_word(const CLI::App& app, std::vector<std::string> args) {
  const std::optional<std::size_t> at = first_word(app, args);
  if (!at) return args;
  const std::string& word = args[*at];
  for (const CommandInfo& info : kCommandInfos)
    if (word == info.name) return args;
  for (const CommandInfo& info : kCommandInfos) {
    if (info.file.suffix.empty() || !ends_with(word, info.file.suffix)) continue;
    std::error_code ec;
    if (!std::filesystem::exists(word, ec))
      throw Error(word, "no such " + std::string(info.file.what),
                  "check the path (`eorun FILE" + std::string(info.file.suffix) + "` runs `eorun " +
                      std::string(info.name) + " FILE" + std::string(info.file.suffix) + "`)");
    args.insert(args.begin() + static_cast<std::ptrdiff_t>(*at), std::string(info.name));
    return args;
  }
  throw Error(word, "not a command",
              "use one of " + listed_commands() + ", or name " + listed_files() +
                  "; see `eorun --help`");
}

}  // namespace eorun
