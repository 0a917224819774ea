// eorun worker: one run of a sweep in its own process (started by the sweep coordinator, not by
// users). It writes the run's bundle and never touches the registry; the coordinator ingests it.
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "exec/run_executor.hpp"
#include "util/interrupt.hpp"
#include "util/text_table.hpp"

namespace eorun {

namespace {

struct WorkerOptions {
  std::string spec;
  std::string run_id;
  std::string runs_dir;
  std::string cache_dir;
  int loader_threads = 0;
};

void work(const WorkerOptions& options, AppContext& context) {
  std::ifstream in(options.spec);
  nlohmann::json spec = nlohmann::json::parse(in, nullptr, false);
  if (spec.is_discarded())
    throw Error(options.spec, "is not a JSON run spec", "workers are started by `eorun sweep`");
  Catalogue catalogue = context.load_catalogue();
  FileHashCache hash_cache(options.cache_dir);
  PreparedRun prepared = prepare_run(spec, catalogue, hash_cache);
  if (prepared.run_id != options.run_id)
    throw Error("run " + options.run_id.substr(0, 12),
                "the worker computed another identity (" + prepared.run_id.substr(0, 12) +
                    "): plugins, data or the eorun build changed during the sweep",
                "run the sweep again");
  ExecutionSettings settings;
  settings.runs_dir = options.runs_dir;
  settings.cache_dir = options.cache_dir;
  settings.loader_threads = options.loader_threads;
  settings.show_progress = false;
  settings.stop_requested = &install_interrupt_handler();
  const ExecutedRun executed = execute_run(prepared, catalogue, settings);
  switch (executed.status) {
    case RunStatus::completed: context.exit_code = ExitCode::ok; break;
    case RunStatus::failed: context.exit_code = ExitCode::failed; break;
    case RunStatus::interrupted: context.exit_code = ExitCode::interrupted; break;
  }
}

}  // namespace

void add_worker_command(CLI::App& app, AppContext& context) {
  auto options = std::make_shared<WorkerOptions>();
  CLI::App* cmd = app.add_subcommand("worker", "Run one run of a sweep (started by eorun sweep)");
  cmd->group("");  // hidden from --help
  cmd->add_option("--spec", options->spec)->required();
  cmd->add_option("--run-id", options->run_id)->required();
  cmd->add_option("--runs-dir", options->runs_dir)->required();
  cmd->add_option("--cache-dir", options->cache_dir)->required();
  cmd->add_option("--loader-threads", options->loader_threads);
  cmd->callback([options, &context] { work(*options, context); });
}

}  // namespace eorun
