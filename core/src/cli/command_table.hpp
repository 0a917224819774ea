// THE table of eorun's top-level commands, read by both executables (see command.hpp): `eorun`
// declares every command from it and runs those it hosts; `eorun-engine` runs them all.
// `eorun --help` lists the commands in this order.
//
// Adding a command is one row here, plus the command's own files:
//   cli/args/<name>_args.hpp/.cpp  its Args struct and declare function (options, help, examples);
//                                  linked into both executables, so it must stay light
//   cli/<name>_command.cpp         `void execute(const <Name>Args&, AppContext&)`, declared in
//                                  cli/commands.hpp; linked only where the row's host says
// and the two .cpp files in cli/CMakeLists.txt (eorun_cli_light, and eorun_cli for the engine).
#pragma once

#include <array>
#include <cstddef>
#include <tuple>

#include "cli/args/cache_args.hpp"
#include "cli/args/data_args.hpp"
#include "cli/args/export_args.hpp"
#include "cli/args/new_plugin_args.hpp"
#include "cli/args/plugins_args.hpp"
#include "cli/args/predict_args.hpp"
#include "cli/args/query_args.hpp"
#include "cli/args/report_args.hpp"
#include "cli/args/reproduce_args.hpp"
#include "cli/args/run_args.hpp"
#include "cli/args/show_args.hpp"
#include "cli/args/slurm_task_args.hpp"
#include "cli/args/sweep_args.hpp"
#include "cli/args/verify_args.hpp"
#include "cli/args/worker_args.hpp"
#include "cli/command.hpp"

namespace eorun {

// Each row: name, one-line summary, host, declare function[, listing, file spelling].
inline constexpr std::tuple kCommandTable{
    Command<PluginsArgs>{"plugins",
                         "List the plugins found on the search path (or show one with `show NAME`)",
                         Host::engine, declare_plugins},
    Command<DataArgs>{"data", "Make a synthetic dataset, inspect a dataset, or write new splits", Host::engine,
                      declare_data},
    Command<CacheArgs>{"cache", "Build, list, verify and clean the packed caches of dataset splits",
                       Host::engine, declare_cache},
    Command<RunArgs>{"run", "Train one run from a config file and record it", Host::engine,
                     declare_run, Listing::shown, {".toml", "run config"}},
    Command<QueryArgs>{"query", "Find, rank, filter and average recorded runs", Host::front,
                       declare_query},
    Command<ShowArgs>{"show", "Everything recorded for one run, hashes included", Host::front,
                      declare_show},
    Command<ReportArgs>{"report",
                        "One HTML page comparing runs: tables, error bars, curves, confusion matrix",
                        Host::front, declare_report},
    Command<SweepArgs>{"sweep", "Run a sweep script: every run it defines, each once",
                       Host::engine, declare_sweep, Listing::shown, {".lua", "sweep script"}},
    Command<ReproduceArgs>{"reproduce", "Train a recorded run again and compare bit for bit",
                           Host::engine, declare_reproduce},
    Command<VerifyArgs>{"verify", "Check whether the plugins and data of runs changed since",
                        Host::engine, declare_verify},
    Command<ExportArgs>{"export", "Write a run's weights for torchvision, timm or Hugging Face",
                        Host::engine, declare_export},
    Command<PredictArgs>{"predict", "Classify a whole scene (GeoTIFF) with a run's model, window by window",
                         Host::engine, declare_predict},
    Command<NewPluginArgs>{"new-plugin",
                           "Write a plugin project that builds out of tree against the SDK",
                           Host::engine, declare_new_plugin},
    Command<WorkerArgs>{"worker", "A worker process of a sweep (started by eorun sweep)",
                        Host::engine, declare_worker, Listing::hidden},
    Command<SlurmTaskArgs>{"slurm-task", "One task of a sweep's Slurm job array (run by its batch script)",
                           Host::engine, declare_slurm_task, Listing::hidden},
};

inline constexpr std::size_t kCommandCount = std::tuple_size_v<decltype(kCommandTable)>;

// The rows without their options, in table order.
inline constexpr std::array<CommandInfo, kCommandCount> kCommandInfos = std::apply(
    [](const auto&... row) { return std::array<CommandInfo, kCommandCount>{row.info()...}; },
    kCommandTable);

}  // namespace eorun
