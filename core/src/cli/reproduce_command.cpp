// eorun reproduce RUN_ID: train a recorded run again and say whether it is bit-for-bit the same.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/registry_path.hpp"
#include "exec/reproduce.hpp"
#include "registry/registry.hpp"
#include "spec/project_config.hpp"
#include "util/interrupt.hpp"
#include "util/text_table.hpp"

namespace eorun {

namespace {

std::string optional_number(const std::optional<double>& value) {
  return value ? format_number(*value, 6) : "-";
}

}  // namespace

void execute(const ReproduceArgs& options, AppContext& context) {
  const ProjectConfig project = load_project_config(std::filesystem::current_path());
  Registry registry = Registry::open(existing_registry_path(context));
  const std::string run_id = registry.resolve_run_id(options.run);
  const RunRecord record = *registry.load_run_record(run_id);
  Catalogue catalogue = context.load_catalogue();
  FileHashCache hash_cache(project.cache_dir);
  ExecutionSettings settings;
  settings.runs_dir = project.runs_dir;
  settings.cache_dir = project.cache_dir;
  settings.show_progress = !options.no_progress;
  settings.stop_requested = &install_interrupt_handler();
  settings.grid_intensity = project.grid_intensity;
  std::cerr << "reproducing run " << run_id.substr(0, 12) << " (" << record.epochs.size() << " epochs, "
            << (record.threads ? std::to_string(*record.threads) : "?") << " threads)\n";
  const ReproduceReport report = reproduce_run(record, catalogue, hash_cache, settings);

  for (const IdentityChange& change : report.identity_changes)
    std::cout << "note: " << change.part << " differs from the recorded run: " << change.recorded.substr(0, 16)
              << " -> " << change.now.substr(0, 16) << "\n";
  if (report.reproduced_status != RunStatus::completed) {
    std::cout << "run " << run_id << ": NOT reproduced: the new run " << to_string(report.reproduced_status)
              << " (" << report.reproduced_reason << ")\n";
    context.exit_code = report.reproduced_status == RunStatus::interrupted ? ExitCode::interrupted : ExitCode::failed;
    return;
  }
  if (report.identical) {
    std::cout << "run " << run_id << ": reproduced bit for bit\n"
              << "  final weights sha256  " << report.reproduced_final_sha256 << "\n"
              << "  epochs compared       " << report.epochs_compared << " (weights hash chain identical)\n";
    return;
  }
  context.exit_code = ExitCode::failed;
  std::cout << "run " << run_id << ": NOT reproduced bit for bit\n";
  if (report.first_divergence) {
    const EpochDivergence& d = *report.first_divergence;
    std::cout << "  first diverged at epoch " << d.epoch << "\n";
    TextTable table({"", "recorded", "reproduced", "difference"});
    table.add_row({"weights sha256", d.recorded_weights_sha256.substr(0, 16), d.reproduced_weights_sha256.substr(0, 16), ""});
    table.add_row({"train loss", format_number(d.recorded_train_loss, 8), format_number(d.reproduced_train_loss, 8),
                   format_number(d.reproduced_train_loss - d.recorded_train_loss, 3)});
    table.add_row({"val " + d.metric, optional_number(d.recorded_metric), optional_number(d.reproduced_metric),
                   d.recorded_metric && d.reproduced_metric
                       ? format_number(*d.reproduced_metric - *d.recorded_metric, 3) : "-"});
    table.print(std::cout);
  }
  std::cout << "  final weights sha256  recorded " << report.recorded_final_sha256.substr(0, 16) << ", reproduced "
            << report.reproduced_final_sha256.substr(0, 16) << "\n";
  if (report.identity_changes.empty())
    std::cout << "  same identity (spec, plugins, data, build): training is not deterministic here; "
                 "check the thread count and the device\n";
}

}  // namespace eorun
