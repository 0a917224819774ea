// The options of `eorun data synth|inspect` (implementation: cli/data_command.cpp).
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

// eorun data inspect: what a dataset plugin serves.
struct InspectArgs {
  std::string dataset;
  std::string root;
  std::string split = "train";
  std::vector<std::string> params;  // KEY=VALUE
  std::string format = "table";
  std::size_t limit = 0;  // 0: every sample
  int threads = 0;        // 0: one per core
};

struct DataArgs {
  enum class Action { synth, inspect };
  Action action = Action::synth;  // the subcommand given (one is required)
  SynthArgs synth;
  InspectArgs inspect;
};

void declare_data(CLI::App& command, DataArgs& args);

}  // namespace eorun
