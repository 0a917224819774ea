#include "cli/args/data_args.hpp"

#include <CLI/CLI.hpp>

namespace eorun {

namespace {

void declare_synth(CLI::App& synth, SynthArgs& args) {
  synth.add_option("--dataset", args.dataset,
                   "Dataset plugin whose layout to write (`eorun plugins show NAME` says synth: yes)")
      ->required();
  synth.add_option("--out", args.out, "Folder to write (created if needed)")->required();
  synth.add_option("--patches", args.patches, "Number of samples, all splits")
      ->capture_default_str();
  synth.add_option("--seed", args.seed, "Seed: same seed, byte-identical files")
      ->capture_default_str();
  synth.add_option("--val-fraction", args.val_fraction, "Share of samples in the validation split")
      ->capture_default_str();
  synth.add_option("--test-fraction", args.test_fraction, "Share of samples in the test split")
      ->capture_default_str();
  synth
      .add_option("--threads", args.threads,
                  "Writer threads (0: one per core; the files do not depend on it)")
      ->capture_default_str();
  synth.add_flag("--force", args.force, "Replace an existing copy in --out");
  synth.add_option("--set", args.options,
                   "A synth option of the plugin as KEY=VALUE (VALUE as JSON if it parses; "
                   "repeatable; see `eorun plugins show NAME`)");
  synth.footer(
      "Examples:\n"
      "  eorun data synth --dataset bigearthnet --out data/synth --patches 600\n"
      "  eorun data synth --dataset bigearthnet --out data/synth --patches 200 --seed 7 "
      "--val-fraction 0.1 --force");
}

void declare_selection(CLI::App& command, DatasetSelection& selection) {
  command.add_option("--dataset", selection.dataset,
                     "Dataset plugin name (required unless --config names one)");
  command.add_option("--root", selection.root, "The dataset's root folder (its `root` parameter)");
  command.add_option("--config", selection.config,
                     "A run config whose [dataset] section to use (--dataset, --root and --set "
                     "override its values)");
  command.add_option("--set", selection.params,
                     "Any other parameter of the plugin as KEY=VALUE (VALUE as JSON if it parses; "
                     "repeatable)");
}

void declare_inspect(CLI::App& inspect, InspectArgs& args) {
  declare_selection(inspect, args.selection);
  inspect.add_option("--split", args.split, "train, val, test or all")
      ->check(CLI::IsMember({"train", "val", "test", "all"}))
      ->capture_default_str();
  inspect.add_flag("--read-pixels", args.read_pixels,
                   "Also read every sample's pixels (checks that every file reads)");
  inspect.add_option("--format", args.format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  inspect.add_option("--limit", args.limit, "Show only the first N samples (0: all)")
      ->capture_default_str();
  inspect.add_option("--threads", args.threads, "Reader threads (0: one per core)")
      ->capture_default_str();
  inspect.footer(
      "Examples:\n"
      "  eorun data inspect --dataset bigearthnet --root data/synth --split train\n"
      "  eorun data inspect --dataset bigearthnet --root data/synth --split val --set classes=43 "
      "--set bands=ms --format json\n"
      "  eorun data inspect --dataset bigearthnet --root data/synth --set "
      "'bands=[\"B08\",\"B04\",\"B03\"]' --limit 5\n"
      "  eorun data inspect --config run.toml --split all --limit 0");
}

void declare_split(CLI::App& split, SplitArgs& args) {
  declare_selection(split, args.selection);
  split.add_option("--out", args.out, "Folder to write the split lists to")->required();
  split.add_option("--folds", args.folds,
                   "Number of folds K (>= 3): fold k is the test split of fold-k/, fold k+1 its "
                   "validation split, the others its train split")
      ->check(CLI::Range(3, 1000))
      ->capture_default_str();
  split.add_option("--seed", args.seed, "Seed of the tie-breaking order (same seed, same files)")
      ->capture_default_str();
  split.add_option("--group-by", args.group_by,
                   "Keep each scene or tile in one fold (no spatial leakage between splits)")
      ->check(CLI::IsMember({"scene", "tile"}));
  split.add_flag("--force", args.force, "Replace existing split lists in --out");
  split.footer(
      "Every sample of the dataset's train, val and test splits is assigned to one of K folds,\n"
      "stratified by class (iterative stratification for multi-label data, Sechidis et al.\n"
      "2011). Written: folds.csv (id,fold[,group]) and fold-1/ ... fold-K/, each with train.txt,\n"
      "val.txt and test.txt (one sample id per line), which the plugin reads through its\n"
      "split_train, split_val and split_test parameters.\n\n"
      "Examples:\n"
      "  eorun data split --dataset bigearthnet --root data/ben --out data/ben-splits --folds 5\n"
      "  eorun data split --config run.toml --out splits --group-by tile --seed 3");
}

void declare_bench(CLI::App& bench, BenchArgs& args) {
  declare_selection(bench, args.selection);
  bench.add_option("--split", args.split, "train, val or test")
      ->check(CLI::IsMember({"train", "val", "test"}))
      ->capture_default_str();
  bench.add_option("--threads", args.threads, "Loader thread counts to measure, e.g. 1,2,4")
      ->delimiter(',')
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  bench.add_option("--batch-size", args.batch_size, "Samples per batch")->check(CLI::Range(1, 1 << 20))
      ->capture_default_str();
  bench.add_flag("--cache", args.cache,
                 "Also measure the packed cache (built first when missing) and the raw read speed of "
                 "its file from the page cache");
  bench.add_option("--format", args.format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  bench.footer(
      "Reads the whole split as training does (batches assembled and normalised, shuffled order),\n"
      "without training, and prints patches/s and MB/s per loader thread count. Each path is read\n"
      "once first (shown as \"first pass\": from storage for the plugin unless the OS cached the\n"
      "files; for the cache, the pass that checks every sample's checksum), then once per thread\n"
      "count. MB/s counts the bytes read from storage: the split's files for the plugin, the\n"
      "samples' bytes for the cache. \"raw\" is the fastest plain read of the cache file's bytes\n"
      "(read(2) or a scan of the mapping): the limit on this machine; \"vs raw\" is the cache's\n"
      "time against it.\n\n"
      "Examples:\n"
      "  eorun data bench --config run.toml --threads 1,2,4 --cache\n"
      "  eorun data bench --dataset bigearthnet --root data/ben --split val --format json");
}

}  // namespace

void declare_data(CLI::App& command, DataArgs& args) {
  command.require_subcommand(1);
  CLI::App* synth = command.add_subcommand(
      "synth",
      "Write a synthetic copy of a dataset's on-disk layout through its plugin (real files, "
      "learnable labels)");
  declare_synth(*synth, args.synth);
  synth->callback([&args] { args.action = DataArgs::Action::synth; });

  CLI::App* inspect = command.add_subcommand(
      "inspect",
      "Load a dataset through its plugin; print bands, classes and every sample's labels");
  declare_inspect(*inspect, args.inspect);
  inspect->callback([&args] { args.action = DataArgs::Action::inspect; });

  CLI::App* split = command.add_subcommand(
      "split",
      "Write new split lists for a dataset: K stratified folds, optionally grouped by scene or "
      "tile");
  declare_split(*split, args.split);
  split->callback([&args] { args.action = DataArgs::Action::split; });

  CLI::App* bench = command.add_subcommand(
      "bench", "Measure how fast a split reads: through the plugin, from the packed cache, and raw");
  declare_bench(*bench, args.bench);
  bench->callback([&args] { args.action = DataArgs::Action::bench; });
}

}  // namespace eorun
