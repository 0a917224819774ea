// eorun data synth|inspect|split|bench: the dispatch, and synth: write a synthetic copy of a dataset's
// layout through its plugin's synth hook.
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/data_subcommands.hpp"
#include "exec/dataset_synth.hpp"
#include "sweep/sweep_plan.hpp"
#include "util/text_table.hpp"

namespace eorun {

void execute_synth(const SynthArgs& args, const AppContext& context) {
  const Catalogue catalogue = context.load_catalogue();
  SynthRequest request;
  request.out = args.out;
  request.samples = args.patches;
  request.seed = args.seed;
  request.val_fraction = args.val_fraction;
  request.test_fraction = args.test_fraction;
  request.threads = args.threads;
  request.overwrite = args.force;
  const auto start = std::chrono::steady_clock::now();
  const SynthResult result =
      synthesize_dataset(catalogue, args.dataset, request, parse_overrides(args.options));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "wrote " << args.patches << " synthetic " << args.dataset << " samples ("
            << result.layout << ") to " << args.out << " (train " << result.train << ", val "
            << result.val << ", test " << result.test << "; seed " << args.seed << "; "
            << result.files << " files in " << format_number(seconds, 3) << " s)\n"
            << "read it with:\n  [dataset]\n  plugin = \"" << args.dataset << "\"\n";
  for (const auto& [key, json] : result.dataset_params)
    std::cout << "  " << key << " = " << json << "\n";
}

void execute(const DataArgs& args, AppContext& context) {
  switch (args.action) {
    case DataArgs::Action::synth: execute_synth(args.synth, context); break;
    case DataArgs::Action::inspect: execute_inspect(args.inspect, context); break;
    case DataArgs::Action::split: execute_split(args.split, context); break;
    case DataArgs::Action::bench: execute_bench(args.bench, context); break;
  }
}

}  // namespace eorun
