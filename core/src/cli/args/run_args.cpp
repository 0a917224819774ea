#include "cli/args/run_args.hpp"

#include <CLI/CLI.hpp>

namespace eorun {

void declare_run(CLI::App& command, RunArgs& args) {
  command.add_option("config", args.config, "Run config (TOML: [dataset] [model] [loss] [train])")
      ->required();
  command.add_option("--loader-threads", args.loader_threads,
                     "Data loader threads (default: train.threads; does not change results)");
  command.add_flag("--no-progress", args.no_progress, "Do not show training progress");
  command.footer(
      "Examples:\n"
      "  eorun scripts/quickstart.toml          (short for eorun run scripts/quickstart.toml)\n"
      "  eorun --registry /tmp/exp.db run my-run.toml --loader-threads 4\n"
      "A run whose identity (spec, plugin binaries, data, eorun build) is already completed in the\n"
      "registry is not trained again. Exit codes: 0 completed, 1 failed, 2 bad input, 130 interrupted.");
}

}  // namespace eorun
