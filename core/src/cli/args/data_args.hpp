// The options of `eorun data synth|inspect|split` (implementation: cli/data_command.cpp,
// data_inspect_command.cpp, data_split_command.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace eorun {

// eorun data synth: a synthetic copy of a dataset's layout, written by its plugin's synth hook
// (SDK: eorun/synth.hpp).
struct SynthArgs {
  std::string dataset;
  std::string out;
  std::int64_t patches = 600;
  std::uint64_t seed = 0;
  double val_fraction = 0.2;
  double test_fraction = 0.2;
  int threads = 0;  // 0: one per core
  bool force = false;
  std::vector<std::string> options;  // KEY=VALUE: the plugin's synth options
};

// Which dataset a data command opens: a plugin and its parameters, given on the command line
// (--dataset, --root, --set) or as the [dataset] section of a run config (--config), the
// command line's values overriding the config's.
struct DatasetSelection {
  std::string dataset;
  std::string root;
  std::string config;               // RUN.toml
  std::vector<std::string> params;  // KEY=VALUE
};

// eorun data inspect: what a dataset plugin serves.
struct InspectArgs {
  DatasetSelection selection;
  std::string split = "train";  // train, val, test or all
  std::string format = "table";
  std::size_t limit = 0;  // 0: every sample
  int threads = 0;        // 0: one per core
  bool read_pixels = false;  // read every sample's pixels too (checks every file)
};

// eorun data split: new split lists, stratified (iteratively for multi-label), optionally
// grouped so that no scene or tile spans two splits.
struct SplitArgs {
  DatasetSelection selection;
  std::string out;
  int folds = 5;
  std::uint64_t seed = 0;
  std::string group_by;  // "", "scene" or "tile"
  bool force = false;
};

// eorun data bench: how fast a split reads, through the plugin and from its packed cache.
struct BenchArgs {
  DatasetSelection selection;
  std::string split = "train";
  std::vector<int> threads{1, 2};
  std::size_t batch_size = 32;
  bool cache = false;  // also build (when needed) and read the packed cache, and the raw file
  std::string format = "table";
};

struct DataArgs {
  enum class Action { synth, inspect, split, bench };
  Action action = Action::synth;  // the subcommand given (one is required)
  SynthArgs synth;
  InspectArgs inspect;
  SplitArgs split;
  BenchArgs bench;
};

void declare_data(CLI::App& command, DataArgs& args);

}  // namespace eorun
