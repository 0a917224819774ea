#include "cli/args/data_args.hpp"

#include <CLI/CLI.hpp>

namespace eorun {

namespace {

void declare_synth(CLI::App& synth, SynthArgs& args) {
  synth.add_option("--out", args.out, "Folder to write (created if needed)")->required();
  synth.add_option("--patches", args.patches, "Number of patches")->capture_default_str();
  synth.add_option("--seed", args.seed, "Seed: same seed, byte-identical files")
      ->capture_default_str();
  synth.add_option("--val-fraction", args.val_fraction, "Share of patches in bigearthnet-val.csv")
      ->capture_default_str();
  synth
      .add_option("--test-fraction", args.test_fraction,
                  "Share of patches in bigearthnet-test.csv")
      ->capture_default_str();
  synth
      .add_option("--threads", args.threads,
                  "Writer threads (0: one per core; the files do not depend on it)")
      ->capture_default_str();
  synth.add_flag("--force", args.force,
                 "Replace an existing BigEarthNet-v1.0 folder and split files in --out");
  synth.footer(
      "Examples:\n"
      "  eorun data synth --out data/synth --patches 600\n"
      "  eorun data synth --out data/synth --patches 200 --seed 7 --val-fraction 0.1 --force");
}

void declare_inspect(CLI::App& inspect, InspectArgs& args) {
  inspect.add_option("--dataset", args.dataset, "Dataset plugin name")->capture_default_str();
  inspect.add_option("--root", args.root, "The dataset's root folder (its `root` parameter)");
  inspect.add_option("--split", args.split, "train, val or test")
      ->check(CLI::IsMember({"train", "val", "test"}))
      ->capture_default_str();
  inspect.add_option("--classes", args.classes,
                     "Number of classes (its `classes` parameter, e.g. 19 or 43)");
  inspect.add_option(
      "--bands", args.bands,
      "Band preset (rgb, ms) or comma-separated band names (its `bands` parameter)");
  inspect.add_option("--param", args.params,
                     "Any other parameter as KEY=VALUE (VALUE as JSON if it parses; repeatable)");
  inspect.add_option("--format", args.format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  inspect.add_option("--limit", args.limit, "Show only the first N samples (0: all)")
      ->capture_default_str();
  inspect.add_option("--threads", args.threads, "Reader threads (0: one per core)")
      ->capture_default_str();
  inspect.footer(
      "Examples:\n"
      "  eorun data inspect --root data/synth --split train\n"
      "  eorun data inspect --dataset bigearthnet --root data/synth --split val --classes 43 "
      "--bands ms --format json\n"
      "  eorun data inspect --root data/synth --bands B08,B04,B03 --limit 5");
}

}  // namespace

void declare_data(CLI::App& command, DataArgs& args) {
  command.require_subcommand(1);
  CLI::App* synth = command.add_subcommand(
      "synth",
      "Write a synthetic dataset in the BigEarthNet v1.0 layout (labels learnable from pixels)");
  declare_synth(*synth, args.synth);
  synth->callback([&args] { args.action = DataArgs::Action::synth; });

  CLI::App* inspect = command.add_subcommand(
      "inspect",
      "Load a dataset through its plugin; print bands, classes and every sample's labels");
  declare_inspect(*inspect, args.inspect);
  inspect->callback([&args] { args.action = DataArgs::Action::inspect; });
}

}  // namespace eorun
