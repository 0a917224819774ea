#include "cli/args/sweep_args.hpp"

#include <CLI/CLI.hpp>

namespace eorun {

void declare_sweep(CLI::App& command, SweepArgs& args) {
  command
      .add_option("script", args.script,
                  "Sweep script (Lua): return sweep { base = ..., grid = ... }")
      ->required();
  command.add_flag("--dry-run", args.dry_run,
                   "List the runs with their ids and status; run nothing");
  command.add_option(
      "--jobs,-j", args.jobs,
      "Runs at once, each in its own worker process (train.threads defaults to cores/jobs)");
  command.add_option("--set", args.sets,
                     "Override a base key: --set train.epochs=1 (repeatable)");
  command.add_flag("--no-progress", args.no_progress,
                   "No per-batch progress (one line per run stays)");
  command.footer(
      "Examples:\n"
      "  eorun scripts/rgb_vs_ms.lua --dry-run   (short for eorun sweep scripts/rgb_vs_ms.lua ...)\n"
      "  eorun scripts/rgb_vs_ms.lua --jobs 2\n"
      "  eorun sweep scripts/lr_search.lua --set train.epochs=1\n"
      "  eorun scripts/finetune.lua --jobs 2   (a pretraining run, then fine-tuning levels from it)\n"
      "Completed runs (same identity) are skipped; failed and interrupted ones are retried. Stop it\n"
      "any time (Ctrl-C, even kill -9): the same command later runs only what is missing.");
}

}  // namespace eorun
