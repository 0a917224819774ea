#include "cli/args/verify_args.hpp"

#include <CLI/CLI.hpp>

namespace eorun {

void declare_verify(CLI::App& command, VerifyArgs& args) {
  command.add_option("runs", args.runs, "Run ids or unique prefixes");
  command.add_flag("--all", args.all, "Every run in the registry");
  command.add_flag("--rehash", args.rehash,
                   "Read every file again (default: trust the hash cache for files whose size, "
                   "mtime and inode are unchanged)");
  command.add_option("--threads", args.threads, "Hashing threads");
  command.footer(
      "Examples:\n"
      "  eorun verify 015899d9b17b\n"
      "  eorun verify --all --rehash\n"
      "Exit code 0 when nothing changed, 1 when something did.");
}

}  // namespace eorun
