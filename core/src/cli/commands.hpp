// The implementation of each command of the table (command_table.hpp), one per file
// (cli/<name>_command.cpp). Each does the work with its parsed options and sets
// `context.exit_code`; errors are thrown as eorun::Error and printed by the command line
// (command_line.hpp). The front links only the implementations of the commands it hosts.
#pragma once

#include "cli/app_context.hpp"
#include "cli/command_table.hpp"

namespace eorun {

// Hosted by the front (eorun_cli_light).
void execute(const QueryArgs& args, AppContext& context);  // eorun query --best METRIC
void execute(const ShowArgs& args, AppContext& context);   // eorun show RUN_ID
void execute(const ReportArgs& args, AppContext& context);  // eorun report --out FILE.html

// Hosted by the engine (eorun_cli).
void execute(const PluginsArgs& args, AppContext& context);    // eorun plugins [show NAME]
void execute(const DataArgs& args, AppContext& context);       // eorun data synth|inspect|split|bench
void execute(const CacheArgs& args, AppContext& context);      // eorun cache build|ls|verify|gc
void execute(const RunArgs& args, AppContext& context);        // eorun [run] CONFIG.toml
void execute(const SweepArgs& args, AppContext& context);      // eorun [sweep] FILE.lua
void execute(const ReproduceArgs& args, AppContext& context);  // eorun reproduce RUN_ID
void execute(const VerifyArgs& args, AppContext& context);     // eorun verify [RUN_ID|--all]
void execute(const ExportArgs& args, AppContext& context);     // eorun export RUN_ID --out FILE
void execute(const PredictArgs& args, AppContext& context);    // eorun predict RUN_ID SCENE --out DIR
void execute(const WorkerArgs& args, AppContext& context);     // eorun worker (started by sweep)
void execute(const SlurmTaskArgs& args, AppContext& context);  // eorun slurm-task (a Slurm array task)
void execute(const NewPluginArgs& args, AppContext& context);  // eorun new-plugin KIND NAME

}  // namespace eorun
