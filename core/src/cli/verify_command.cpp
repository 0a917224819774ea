// eorun verify [RUN_ID | --all]: have the plugins or data a run used changed since? No training.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/registry_path.hpp"
#include "exec/drift_check.hpp"
#include "registry/registry.hpp"
#include "spec/project_config.hpp"

namespace eorun {

namespace {

constexpr std::size_t kFilesShown = 10;

void print_report(const DriftReport& report) {
  std::cout << "run " << report.run_id.substr(0, 12) << ": ";
  if (!report.drifted()) {
    std::cout << "unchanged (plugins and " << report.files_checked << " data files)\n";
    return;
  }
  std::cout << "DRIFT\n";
  for (const std::string& change : report.plugin_changes) std::cout << "  " << change << "\n";
  for (const std::string& change : report.param_file_changes) std::cout << "  " << change << "\n";
  if (report.manifest_missing) std::cout << "  the bundle's manifest.tsv is gone: data not checked\n";
  auto list = [](const char* what, const std::vector<std::string>& files) {
    if (files.empty()) return;
    std::cout << "  " << files.size() << " data file(s) " << what << ":\n";
    for (std::size_t i = 0; i < files.size() && i < kFilesShown; ++i) std::cout << "    " << files[i] << "\n";
    if (files.size() > kFilesShown) std::cout << "    ... and " << files.size() - kFilesShown << " more\n";
  };
  list("changed", report.changed_files);
  list("missing", report.missing_files);
}

}  // namespace

void execute(const VerifyArgs& options, AppContext& context) {
  if (options.all == !options.runs.empty())
    throw Error("eorun verify", "name runs or pass --all (not both)", "e.g. eorun verify 015899d9b17b");
  const ProjectConfig project = load_project_config(std::filesystem::current_path());
  Registry registry = Registry::open(existing_registry_path(context));
  std::vector<std::string> ids;
  if (options.all)
    ids = registry.run_ids();
  else
    for (const std::string& prefix : options.runs) ids.push_back(registry.resolve_run_id(prefix));
  FileHashCache hash_cache(project.cache_dir);
  std::size_t drifted = 0;
  for (const std::string& id : ids) {
    const DriftReport report = check_drift(*registry.load_run_record(id), hash_cache, options.threads, options.rehash);
    print_report(report);
    drifted += report.drifted();
  }
  std::cout << ids.size() << " run(s) checked, " << drifted << " with drift\n";
  if (drifted > 0) context.exit_code = ExitCode::failed;
}

}  // namespace eorun
