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
  command.add_option("--executor", args.executor,
                     "Where runs train: local (this machine) or slurm (one job array on the cluster)")
      ->check(CLI::IsMember({"local", "slurm"}))
      ->capture_default_str();
  command.add_flag("--detach", args.detach,
                   "slurm: submit and return; the same command later ingests what finished");
  command.add_flag("--status", args.status,
                   "slurm: ingest what finished, submit lost runs again, show what is queued or running; "
                   "then return");
  command.add_option("--partition", args.partition, "slurm: the partition (overrides [slurm] partition)");
  command.add_option("--account", args.account, "slurm: the account to charge");
  command.add_option("--time", args.time, "slurm: time limit per run, e.g. 04:00:00");
  command.add_option("--cpus-per-run", args.cpus_per_run, "slurm: CPUs per run (array task)");
  command.add_option("--mem", args.memory, "slurm: memory per run, e.g. 32G");
  command.add_option("--gres", args.gres, "slurm: generic resources per run, e.g. gpu:1");
  command.add_option("--max-running", args.max_running, "slurm: array tasks running at once (%N)");
  command.add_option("--sbatch-arg", args.sbatch_args, "slurm: one more sbatch argument (repeatable)")
      ->allow_extra_args(false);
  command.footer(
      "Examples:\n"
      "  eorun scripts/rgb_vs_ms.lua --dry-run   (short for eorun sweep scripts/rgb_vs_ms.lua ...)\n"
      "  eorun scripts/rgb_vs_ms.lua --jobs 2\n"
      "  eorun sweep scripts/lr_search.lua --set train.epochs=1\n"
      "  eorun scripts/finetune.lua --jobs 2   (a pretraining run, then fine-tuning levels from it)\n"
      "  eorun scripts/rgb_vs_ms.lua --executor slurm --partition gpu --gres gpu:1 --time 04:00:00\n"
      "Completed runs (same identity) are skipped; failed and interrupted ones are retried. Stop it\n"
      "any time (Ctrl-C, even kill -9): the same command later runs only what is missing.");
}

}  // namespace eorun
