// The first word of a command line names the command, or a file that a command of the table
// takes (`eorun sweep.lua` is `eorun sweep sweep.lua`; see FileSpelling in command.hpp).
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace eorun {

// `args` (without the program name) with the command's name put in before a first word that is
// a file of a command of the table; unchanged when the first word names a command or there is
// none (only global options, or `--help`). `app` declares the global options: the first word is
// the first argument that is not one of them or its value.
// Throws eorun::Error (bad input) for a first word that is neither a command nor such a file,
// and for such a file that does not exist, before anything is done.
std::vector<std::string> with_command_word(const CLI::App& app, std::vector<std::string> args);

}  // namespace eorun
