// Runs the real eorun binary of this build, as a user would, and captures what it says.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace eorun::test {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::filesystem::path eorun_binary() { return std::filesystem::path(EORUN_BINARY_DIR) / "eorun"; }

// Runs `binary args...` in `cwd` with EORUN_PLUGIN_PATH cleared (only the build's plugins load,
// plus any --plugin-path given) and a fixed thread count so results do not depend on the machine.
inline CommandResult run_program(const std::filesystem::path& binary, const std::vector<std::string>& args,
                                 const std::filesystem::path& cwd, const std::string& env = "") {
  const std::filesystem::path out = cwd / ".eorun-test-stdout";
  const std::filesystem::path err = cwd / ".eorun-test-stderr";
  std::string command = "cd " + shell_quote(cwd.string()) + " && env EORUN_PLUGIN_PATH= " + env + " " +
                        shell_quote(binary.string());
  for (const auto& a : args) command += " " + shell_quote(a);
  command += " >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string()) + " </dev/null";
  int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_text(out);
  result.err = read_text(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return result;
}

// run_program() with the eorun binary of this build.
inline CommandResult run_eorun(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                               const std::string& env = "") {
  return run_program(eorun_binary(), args, cwd, env);
}

}  // namespace eorun::test
