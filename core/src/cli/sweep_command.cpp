// eorun sweep FILE.lua (or eorun FILE.lua): expand a sweep script, skip what is done, run the
// rest, record everything.
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/registry_path.hpp"
#include "exec/pending_ingest.hpp"
#include "exec/slurm/sbatch_call.hpp"
#include "exec/slurm/slurm_sweep.hpp"
#include "exec/sweep_coordinator.hpp"
#include "exec/sweep_planner.hpp"
#include "registry/registry.hpp"
#include "spec/project_config.hpp"
#include "sweep/sweep_plan.hpp"
#include "util/interrupt.hpp"
#include "util/text_table.hpp"

namespace eorun {

namespace {

std::string status_word(const std::optional<RunStatus>& status) {
  if (!status) return "to run";
  if (*status == RunStatus::completed) return "done";
  return to_string(*status) + " before: retry";
}

std::string describe(const nlohmann::json& assignment) {
  std::string out;
  for (const auto& [key, value] : assignment.items()) {
    std::string shown = value.is_string() ? value.get<std::string>() : value.dump();
    if (shown.rfind("run:", 0) == 0) shown = shown.substr(0, 16);  // run:<12 of the id>
    out += (out.empty() ? "" : " ") + key + "=" + shown;
  }
  return out;
}

void print_plan(const PlannedSweep& sweep, const std::vector<std::optional<RunStatus>>& statuses) {
  TextTable table({"#", "run", "parent", "status", "values"});
  std::size_t done = 0, retry = 0;
  for (std::size_t i = 0; i < sweep.runs.size(); ++i) {
    const SweepRun& run = sweep.runs[i];
    const std::string& parent = run.prepared.spec.pretrained_run;
    table.add_row({std::to_string(run.position + 1), run.prepared.run_id.substr(0, 12),
                   parent.empty() ? "-" : parent.substr(0, 12),
                   run.data_error.empty() ? status_word(statuses[i]) : "data error",
                   describe(run.assignment)});
    done += statuses[i] == RunStatus::completed;
    retry += statuses[i] && *statuses[i] != RunStatus::completed;
  }
  table.print(std::cout);
  for (const SweepRun& run : sweep.runs)
    if (!run.data_error.empty())
      std::cout << "run " << run.position + 1 << " will be recorded as failed: " << run.data_error
                << "\n";
  std::cout << "\nsweep " << sweep.name << ": " << sweep.runs.size() << " runs (" << done << " done, "
            << sweep.runs.size() - done - retry << " to run, " << retry << " to retry)";
  if (sweep.filtered_out) std::cout << "; " << sweep.filtered_out << " removed by filter";
  if (sweep.duplicates) std::cout << "; " << sweep.duplicates << " duplicate(s) of another run";
  std::cout << "\n";
}

// [slurm] of eorun.toml with the command line's options over it, each checked.
SlurmOptions slurm_options(const SweepArgs& args, SlurmOptions options) {
  if (!args.partition.empty()) options.partition = args.partition;
  if (!args.account.empty()) options.account = args.account;
  if (!args.time.empty()) {
    check_slurm_time("--time " + args.time, args.time);
    options.time = args.time;
  }
  if (!args.memory.empty()) {
    check_slurm_memory("--mem " + args.memory, args.memory);
    options.memory = args.memory;
  }
  if (!args.gres.empty()) {
    check_slurm_gres("--gres " + args.gres, args.gres);
    options.gres = args.gres;
  }
  if (args.cpus_per_run < 0) throw Error("--cpus-per-run", "must be at least 1", "e.g. --cpus-per-run 8");
  if (args.cpus_per_run > 0) options.cpus_per_run = args.cpus_per_run;
  if (args.max_running < 0) throw Error("--max-running", "must be at least 1", "e.g. --max-running 16");
  if (args.max_running > 0) options.max_running = args.max_running;
  options.sbatch_args.insert(options.sbatch_args.end(), args.sbatch_args.begin(), args.sbatch_args.end());
  return options;
}

}  // namespace

void execute(const SweepArgs& options, AppContext& context) {
  if (options.jobs < 1)
    throw Error("--jobs " + std::to_string(options.jobs), "must be at least 1", "e.g. --jobs 2");
  const ProjectConfig project = load_project_config(std::filesystem::current_path());
  Catalogue catalogue = context.load_catalogue();
  FileHashCache hash_cache(project.cache_dir);
  SweepPlanOptions plan_options;
  for (const std::string& set : options.sets) plan_options.overrides.push_back(parse_override(set));
  plan_options.jobs = options.jobs;
  plan_options.data_roots = project.data_roots;
  plan_options.registry_path = registry_path(context);
  // Bad input stops here, before the registry is opened.
  const PlannedSweep planned = plan_sweep(options.script, plan_options, catalogue, hash_cache);

  Registry registry = Registry::open(registry_path(context));
  if (std::size_t n = ingest_pending_bundles(registry, project.runs_dir))
    std::cerr << "eorun: ingested " << n << " bundle(s) left by an interrupted command\n";
  const bool on_slurm = options.executor == "slurm";
  SlurmSweepSettings slurm;
  if (on_slurm) {
    slurm.options = slurm_options(options, project.slurm);
    slurm.runs_dir = std::filesystem::absolute(project.runs_dir);
    slurm.cache_dir = std::filesystem::absolute(project.cache_dir);
    std::error_code ec;
    slurm.engine = std::filesystem::read_symlink("/proc/self/exe", ec);
    for (const std::string& p : context.plugin_paths) slurm.engine_args.insert(slurm.engine_args.end(), {"--plugin-path", p});
    slurm.grid_intensity = project.grid_intensity;
    slurm.detach = options.detach || options.status;
  } else if (options.detach || options.status) {
    const std::string flag = options.detach ? "--detach" : "--status";
    throw Error(flag, "only applies to --executor slurm", "add --executor slurm, or leave out " + flag);
  }
  if (options.dry_run) {
    print_plan(planned, plan_statuses(planned, registry));
    if (on_slurm) {
      SlurmArray array;
      array.job_name = "eorun-" + planned.sweep_id.substr(0, 12) + "-N";
      array.tasks = planned.runs.size();
      array.submission_dir = slurm.runs_dir / ".slurm" / (planned.sweep_id.substr(0, 12) + "-N");
      array.engine = slurm.engine;
      array.engine_args = slurm.engine_args;
      array.runs_dir = slurm.runs_dir;
      array.cache_dir = slurm.cache_dir;
      const SbatchCall call = make_sbatch_call(slurm.options, array);
      std::cout << "\nsbatch command (the runs still to do; N: the submission's number):\n  "
                << shell_command("sbatch", call.args) << " < script\nscript:\n" << call.script;
    }
    return;
  }
  record_sweep(planned, registry);
  if (on_slurm) {
    slurm.stop_requested = &install_interrupt_handler();
    std::cerr << "sweep " << planned.name << " (" << planned.sweep_id.substr(0, 12) << "): " << planned.runs.size()
              << " runs on Slurm\n";
    const SweepOutcome outcome = execute_slurm_sweep(planned, registry, slurm, std::cerr);
    std::cout << "sweep " << planned.name << ": " << outcome.planned << " runs: " << outcome.completed
              << " completed, " << outcome.cached << " cached, " << outcome.failed << " failed, "
              << outcome.not_started << " queued or to submit\n";
    if (outcome.failed > 0 || outcome.blocked > 0) context.exit_code = ExitCode::failed;
    return;
  }

  SweepSettings settings;
  settings.jobs = options.jobs;
  settings.runs_dir = project.runs_dir;
  settings.cache_dir = project.cache_dir;
  settings.registry_path = registry.path();
  std::error_code ec;
  settings.engine = std::filesystem::read_symlink("/proc/self/exe", ec);
  for (const std::string& p : context.plugin_paths) settings.engine_args.insert(settings.engine_args.end(), {"--plugin-path", p});
  settings.show_progress = !options.no_progress && options.jobs == 1;
  settings.stop_requested = &install_interrupt_handler();
  settings.grid_intensity = project.grid_intensity;
  std::cerr << "sweep " << planned.name << " (" << planned.sweep_id.substr(0, 12) << "): "
            << planned.runs.size() << " runs, " << options.jobs << " at a time\n";
  const auto start = std::chrono::steady_clock::now();
  const SweepOutcome outcome = execute_sweep(planned, registry, catalogue, settings, std::cerr);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "sweep " << planned.name << ": " << outcome.planned << " runs: " << outcome.completed
            << " completed, " << outcome.cached << " cached, " << outcome.failed << " failed, "
            << outcome.interrupted << " interrupted, " << outcome.claimed_elsewhere
            << " claimed by another process, "
            << (outcome.blocked ? std::to_string(outcome.blocked) + " not started as their parent did not complete, " : "")
            << outcome.not_started << " not started ("
            << format_number(seconds, 3) << " s)\n";
  if (settings.stop_requested->load())
    context.exit_code = ExitCode::interrupted;
  else if (outcome.failed > 0 || outcome.interrupted > 0 || outcome.blocked > 0)
    context.exit_code = ExitCode::failed;
}

}  // namespace eorun
