#include "cli/args/cache_args.hpp"

#include <CLI/CLI.hpp>

namespace eorun {

void declare_cache(CLI::App& command, CacheArgs& args) {
  command.require_subcommand(1);
  command.footer(
      "A packed cache holds one split of one dataset reading, decoded once into a single\n"
      "memory-mapped file in [paths] cache (eorun.toml; default .eorun-cache) under packed/.\n"
      "Runs with `cache = true` in [dataset] build it on first use; the samples, and so the\n"
      "results, are bit-identical to reading through the plugin.");

  CLI::App* build = command.add_subcommand("build", "Build the caches of a run config's or a sweep's splits now");
  build->add_option("--config", args.config, "A run config (RUN.toml)");
  build->add_option("--sweep", args.sweep, "A sweep script (FILE.lua): every dataset reading of its runs");
  build->add_option("--set", args.sets, "A sweep override KEY=VALUE (repeatable)");
  build->add_option("--threads", args.threads, "Reader threads (0: one per core)")->capture_default_str();
  build->footer(
      "Examples:\n"
      "  eorun cache build --config run.toml\n"
      "  eorun cache build --sweep scripts/sweep.lua --set dataset.root=data/ben");
  build->callback([&args] { args.action = CacheArgs::Action::build; });

  CLI::App* ls = command.add_subcommand("ls", "List the caches: key, dataset, split, samples, size, last use");
  ls->add_option("--format", args.format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  ls->callback([&args] { args.action = CacheArgs::Action::ls; });

  CLI::App* verify = command.add_subcommand(
      "verify", "Check every block checksum and that the source files are unchanged; remove bad caches");
  verify->add_option("keys", args.keys, "Key prefixes (default: every cache)");
  verify->add_option("--threads", args.threads, "Checking threads (0: one per core)")->capture_default_str();
  verify->add_flag("--keep", args.keep, "Report only: remove nothing");
  verify->footer(
      "A damaged cache (a flipped byte, truncated, another format version) or a stale one (its\n"
      "source files changed since it was built) is reported and removed; a run that needs it\n"
      "builds it again. Exit code 0 when every cache is intact and current, 1 otherwise.");
  verify->callback([&args] { args.action = CacheArgs::Action::verify; });

  CLI::App* gc = command.add_subcommand("gc", "Remove caches unused for a while, or the least recently used beyond a size");
  gc->add_option("--older-than", args.older_than, "Remove caches not used for this long (e.g. 30d, 12h, 90m)");
  gc->add_option("--max-size", args.max_size,
                 "Then remove the least recently used until the rest fits (e.g. 50G, 800M)");
  gc->add_flag("--dry-run", args.dry_run, "Say what would be removed; remove nothing");
  gc->footer(
      "Without options gc removes only damaged caches and the temporary files of builds that\n"
      "did not finish. A cache in use by a run is never removed.\n\n"
      "Examples:\n"
      "  eorun cache gc --older-than 30d\n"
      "  eorun cache gc --max-size 200G --dry-run");
  gc->callback([&args] { args.action = CacheArgs::Action::gc; });
}

}  // namespace eorun
