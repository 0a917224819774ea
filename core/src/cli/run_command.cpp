// eorun run CONFIG.toml (or eorun CONFIG.toml): one recorded training run from a config file.
#include <unistd.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/registry_path.hpp"
#include "exec/bundle.hpp"
#include "exec/pending_ingest.hpp"
#include "exec/run_executor.hpp"
#include "registry/registry.hpp"
#include "spec/project_config.hpp"
#include "spec/toml_to_json.hpp"
#include "util/interrupt.hpp"
#include "util/text_table.hpp"

namespace eorun {

namespace {

void print_summary(const ExecutedRun& run) {
  const RunRecord& r = run.record;
  std::cout << "run " << r.run_id << ": " << to_string(r.status);
  if (!r.reason.empty()) std::cout << " (" << r.reason << ")";
  std::cout << "\n";
  if (r.data) {
    for (const std::string& note : r.data->notes) std::cout << "data: " << note << "\n";
    if (r.data->normalisation.method == "reference")
      std::cout << "normalised with " << r.data->normalisation.source << "\n";
  }
  if (r.lineage && r.lineage->band_adaptation)
    std::cout << "first layer " << r.lineage->band_adaptation->layer << ": "
              << r.lineage->band_adaptation->summary << "\n";
  if (r.best)
    std::cout << "best epoch " << r.best->epoch << ": val " << r.best->metric << " = "
              << format_number(r.best->value) << "\n";
  if (!r.test.empty()) {
    TextTable table({"test metric", "value"});
    for (const auto& [name, value] : r.test) table.add_row({name, format_number(value)});
    table.print(std::cout);
  }
  std::cout << "bundle: " << run.bundle_dir.string() << "\n";
}

}  // namespace

void execute(const RunArgs& options, AppContext& context) {
  const ProjectConfig project = load_project_config(std::filesystem::current_path());
  const nlohmann::json user_spec = load_toml_as_json(options.config);
  Catalogue catalogue = context.load_catalogue();
  // Bad input stops here, before the registry is opened (or created).
  FileHashCache hash_cache(project.cache_dir);
  const RecordedParentRuns parents(registry_path(context));  // model.pretrained = "run:<id>"
  PreparedRun prepared = prepare_run(user_spec, catalogue, hash_cache, nullptr, &parents);

  Registry registry = Registry::open(registry_path(context));
  if (std::size_t n = ingest_pending_bundles(registry, project.runs_dir))
    std::cerr << "eorun: ingested " << n << " bundle(s) left by an interrupted command\n";
  if (registry.run_status(prepared.run_id) == RunStatus::completed) {
    std::cout << "run " << prepared.run_id << ": already completed (same spec, plugins, data and "
              << "build); nothing to do. See `eorun show " << prepared.run_id.substr(0, 12) << "`\n";
    return;
  }

  ExecutionSettings settings;
  settings.runs_dir = project.runs_dir;
  settings.cache_dir = project.cache_dir;
  settings.loader_threads = options.loader_threads;
  settings.show_progress = !options.no_progress;
  settings.stop_requested = &install_interrupt_handler();
  settings.grid_intensity = project.grid_intensity;
  std::cerr << "run " << prepared.run_id.substr(0, 12) << ": training "
            << prepared.spec.model->name << " on " << prepared.spec.dataset->name << " ("
            << prepared.train->size() << " train / " << prepared.val->size() << " val / "
            << prepared.test->size() << " test samples, " << prepared.spec.train.threads
            << " threads)\n";
  ExecutedRun executed = execute_run(prepared, catalogue, settings);
  registry.ingest(executed.record);
  mark_ingested(executed.bundle_dir);
  print_summary(executed);
  switch (executed.status) {
    case RunStatus::completed: context.exit_code = ExitCode::ok; break;
    case RunStatus::failed: context.exit_code = ExitCode::failed; break;
    case RunStatus::interrupted: context.exit_code = ExitCode::interrupted; break;
  }
}

}  // namespace eorun
