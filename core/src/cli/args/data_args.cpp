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

void declare_inspect(CLI::App& inspect, InspectArgs& args) {
  inspect.add_option("--dataset", args.dataset, "Dataset plugin name")->required();
  inspect.add_option("--root", args.root, "The dataset's root folder (its `root` parameter)");
  inspect.add_option("--split", args.split, "train, val or test")
      ->check(CLI::IsMember({"train", "val", "test"}))
      ->capture_default_str();
  inspect.add_option("--set", args.params,
                     "Any other parameter of the plugin as KEY=VALUE (VALUE as JSON if it parses; "
                     "repeatable)");
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
      "'bands=[\"B08\",\"B04\",\"B03\"]' --limit 5");
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
}

}  // namespace eorun
