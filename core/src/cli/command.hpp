// What a row of the command table (command_table.hpp) says about one top-level command.
//
// eorun is two executables reading one table. `eorun` is the light front: it declares every
// command, so it answers --help, --version and usage errors itself, and it runs the commands it
// serves (the registry commands) without loading LibTorch, whose start-up alone costs more than
// a query over 100k runs. A parsed command it does not serve is handed, with the same arguments,
// to `eorun-engine` beside it, which serves every command (plugins, data, training). The
// engine's sha256 is the build id of every run.
#pragma once

#include <string_view>

namespace CLI {
class App;
}

namespace eorun {

// The process that runs a command.
enum class Host {
  front,   // `eorun`, without LibTorch
  engine,  // `eorun-engine`
};

// The engine serves every command; the front serves its own.
constexpr bool serves(Host process, Host host) { return process == Host::engine || host == process; }

enum class Listing {
  shown,   // listed by `eorun --help`
  hidden,  // internal (started by eorun itself)
};

// A command that takes a file as its first argument can be named by the file alone:
// `eorun FILE<suffix> ...` is `eorun <command> FILE<suffix> ...`.
struct FileSpelling {
  std::string_view suffix;  // ".lua"; empty: no such spelling
  std::string_view what;    // "sweep script", for messages
};

// A command without its options: what the front needs to route and describe it.
struct CommandInfo {
  std::string_view name;
  std::string_view summary;  // one line, shown by `eorun --help`
  Host host;
  Listing listing;
  FileSpelling file;
};

// One row of the table: a command whose options parse into `Args`, a plain struct of its own
// (the type picks the implementation). `declare` adds the options, nested subcommands, help text
// and examples to the command's CLI11 app; its name and summary come from the row. The
// implementation is the overload `execute(const Args&, AppContext&)` of commands.hpp, named
// only in the processes that host the command (command_line.hpp), so only they link it.
template <class ArgsT>
struct Command {
  using Args = ArgsT;

  std::string_view name;
  std::string_view summary;
  Host host;
  void (*declare)(CLI::App& command, Args& args);
  Listing listing = Listing::shown;
  FileSpelling file = {};

  constexpr CommandInfo info() const { return {name, summary, host, listing, file}; }
};

}  // namespace eorun
