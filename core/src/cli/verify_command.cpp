// eorun verify [RUN_ID | --all]: have the plugins or data a run used changed since? No training.
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/registry_path.hpp"
#include "exec/drift_check.hpp"
#include "registry/registry.hpp"
#include "spec/project_config.hpp"

namespace eorun {

namespace {

struct VerifyOptions {
  std::vector<std::string> runs;
  bool all = false;
  bool rehash = false;
  int threads = 2;
};

constexpr std::size_t kFilesShown = 10;

void print_report(const DriftReport& report) {
  std::cout << "run " << report.run_id.substr(0, 12) << ": ";
  if (!report.drifted()) {
    std::cout << "unchanged (plugins and " << report.files_checked << " data files)\n";
    return;
  }
  std::cout << "DRIFT\n";
  for (const std::string& change : report.plugin_changes) std::cout << "  " << change << "\n";
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

void verify(const VerifyOptions& options, AppContext& context) {
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

}  // namespace

void add_verify_command(CLI::App& app, AppContext& context) {
  auto options = std::make_shared<VerifyOptions>();
  CLI::App* cmd = app.add_subcommand("verify", "Check whether the plugins and data of runs changed since");
  cmd->add_option("runs", options->runs, "Run ids or unique prefixes");
  cmd->add_flag("--all", options->all, "Every run in the registry");
  cmd->add_flag("--rehash", options->rehash,
                "Read every file again (default: trust the hash cache for files whose size, mtime and inode are unchanged)");
  cmd->add_option("--threads", options->threads, "Hashing threads");
  cmd->footer(
      "Examples:\n"
      "  eorun verify 015899d9b17b\n"
      "  eorun verify --all --rehash\n"
      "Exit code 0 when nothing changed, 1 when something did.");
  cmd->callback([options, &context] { verify(*options, context); });
}

}  // namespace eorun
