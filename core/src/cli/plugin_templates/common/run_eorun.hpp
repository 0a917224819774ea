// Runs the eorun binary with this plugin on its search path, as a user would.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace plugin_test {

struct Result {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

// `eorun --plugin-path <this plugin> ARGS`, run in `folder`.
inline Result run_eorun(const std::string& args, const std::filesystem::path& folder) {
  const std::string command = "cd '" + folder.string() + "' && '" + EORUN_EXECUTABLE +
                              "' --plugin-path '" + PLUGIN_FILE + "' " + args + " 2>&1";
  Result result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    result.output.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// A fresh folder for one test, removed at the end.
class TempFolder {
 public:
  TempFolder()
      : path_(std::filesystem::temp_directory_path() /
              ("@NAME@-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::filesystem::path path_;
};

}  // namespace plugin_test
