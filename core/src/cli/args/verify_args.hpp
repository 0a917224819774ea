// The options of `eorun verify [RUN_ID ... | --all]` (implementation: cli/verify_command.cpp).
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace eorun {

struct VerifyArgs {
  std::vector<std::string> runs;  // run ids or unique prefixes
  bool all = false;
  bool rehash = false;
  int threads = 2;  // hashing threads
};

void declare_verify(CLI::App& command, VerifyArgs& args);

}  // namespace eorun
