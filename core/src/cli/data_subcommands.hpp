// The subcommands of `eorun data` (dispatched by data_command.cpp), one file each.
#pragma once

#include "cli/app_context.hpp"
#include "cli/args/data_args.hpp"

namespace eorun {

void execute_synth(const SynthArgs& args, const AppContext& context);      // data_command.cpp
void execute_inspect(const InspectArgs& args, const AppContext& context);  // data_inspect_command.cpp
void execute_split(const SplitArgs& args, const AppContext& context);      // data_split_command.cpp
void execute_bench(const BenchArgs& args, const AppContext& context);      // data_bench_command.cpp

}  // namespace eorun
