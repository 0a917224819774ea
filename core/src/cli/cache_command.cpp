// eorun cache build|ls|verify|gc: the packed caches of [paths] cache (see cache/packed_store.hpp).
#include <ctime>
#include <iostream>
#include <map>
#include <set>

#include "cache/split_cache.hpp"
#include "cli/commands.hpp"
#include "cli/registry_path.hpp"
#include "cli/selected_dataset.hpp"
#include "exec/sweep_planner.hpp"
#include "spec/data_manifest.hpp"
#include "spec/project_config.hpp"
#include "sweep/sweep_plan.hpp"
#include "util/quantity_text.hpp"
#include "util/text_table.hpp"

namespace eorun {

namespace {

constexpr const char* kSplits[] = {"train", "val", "test"};
constexpr std::int64_t kStaleTemporarySeconds = 3600;

std::string short_key(const std::string& key) { return key.substr(0, 12); }

std::string header_text(const CacheEntry& entry, const char* field) {
  if (!entry.header) return "?";
  const nlohmann::json& source = entry.header->at("source");
  if (std::string(field) == "dataset") return source.at("plugin").get<std::string>();
  if (std::string(field) == "split") return source.at("split").get<std::string>();
  return "?";
}

class CacheBuildReport {
 public:
  void add(const SplitToCache& split, const OpenedCache& opened) {
    const PackedFile& file = opened.dataset->file();
    table_.add_row({short_key(opened.key), split.plugin->name, split.split, std::to_string(file.size()),
                    format_bytes(file.file_size()),
                    opened.build ? "built in " + format_number(opened.build->seconds, 3) + " s" : "present"});
    if (!opened.rebuilt_because.empty())
      notes_.push_back("replaced " + short_key(opened.key) + ", which " + opened.rebuilt_because);
  }
  void print() const {
    table_.print(std::cout);
    for (const std::string& note : notes_) std::cout << note << "\n";
  }

 private:
  TextTable table_{{"key", "dataset", "split", "samples", "size", "cache"}};
  std::vector<std::string> notes_;
};

void build_for_config(const CacheArgs& args, const AppContext& context, PackedStore& store,
                      FileHashCache& hash_cache) {
  DatasetSelection selection;
  selection.config = args.config;
  const SelectedDataset dataset(selection, context);
  const nlohmann::json params = dataset_plugin_values(dataset.resolved());
  CacheBuildReport report;
  for (const char* split : kSplits) {
    try {
      const SplitToCache source{&dataset.plugin(), params, split, dataset.open(split)};
      report.add(source, open_split_cache(source, store, hash_cache, args.threads));
    } catch (...) {
      dataset.rethrow_as_own_error();
    }
  }
  report.print();
}

void build_for_sweep(const CacheArgs& args, const AppContext& context, const ProjectConfig& project,
                     PackedStore& store, FileHashCache& hash_cache) {
  const Catalogue catalogue = context.load_catalogue();
  SweepPlanOptions options;
  for (const std::string& set : args.sets) options.overrides.push_back(parse_override(set));
  options.data_roots = project.data_roots;
  options.registry_path = registry_path(context);
  const PlannedSweep planned = plan_sweep(args.sweep, options, catalogue, hash_cache);
  CacheBuildReport report;
  std::set<std::string> done;  // canonical [dataset] sections
  std::size_t unreadable = 0;
  for (const SweepRun& run : planned.runs) {
    if (!run.data_error.empty()) {
      ++unreadable;
      continue;
    }
    const nlohmann::json& section = run.prepared.spec.json.at("dataset");
    if (!done.insert(section.dump()).second) continue;
    const nlohmann::json params = dataset_plugin_values(section);
    const std::shared_ptr<Dataset> splits[] = {run.prepared.train, run.prepared.val, run.prepared.test};
    for (std::size_t s = 0; s < 3; ++s) {
      const SplitToCache source{run.prepared.spec.dataset, params, kSplits[s], splits[s]};
      report.add(source, open_split_cache(source, store, hash_cache, args.threads));
    }
  }
  report.print();
  if (unreadable > 0)
    std::cout << unreadable << " run(s) of the sweep have data that cannot be opened (see `eorun sweep "
              << args.sweep << " --dry-run`); nothing was cached for them\n";
}

void execute_build(const CacheArgs& args, AppContext& context, const ProjectConfig& project) {
  if (args.config.empty() == args.sweep.empty())
    throw Error("eorun cache build", args.config.empty() ? "names no runs" : "names both a config and a sweep",
                "give --config RUN.toml or --sweep FILE.lua");
  PackedStore store(project.cache_dir);
  FileHashCache hash_cache(project.cache_dir);
  if (!args.config.empty()) build_for_config(args, context, store, hash_cache);
  else build_for_sweep(args, context, project, store, hash_cache);
}

void execute_ls(const CacheArgs& args, const ProjectConfig& project) {
  const PackedStore store(project.cache_dir);
  const std::vector<CacheEntry> entries = store.list();
  const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  if (args.format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const CacheEntry& entry : entries) {
      nlohmann::json item = {{"key", entry.key}, {"file", entry.file.string()}, {"bytes", entry.bytes},
                             {"last_used", entry.last_used}};
      if (entry.header) {
        item["dataset"] = entry.header->at("source");
        item["samples"] = entry.header->at("samples");
        item["created_at"] = entry.header->at("created_at");
        item["inputs"] = entry.header->at("inputs");
      } else {
        item["problem"] = entry.problem;
      }
      out.push_back(std::move(item));
    }
    std::cout << out.dump(2) << "\n";
    return;
  }
  TextTable table({"key", "dataset", "split", "samples", "size", "last used", "state"});
  std::uint64_t total = 0;
  for (const CacheEntry& entry : entries) {
    total += entry.bytes;
    table.add_row({short_key(entry.key), header_text(entry, "dataset"), header_text(entry, "split"),
                   entry.header ? std::to_string(entry.header->at("samples").get<std::size_t>()) : "?",
                   format_bytes(entry.bytes), format_age(now - entry.last_used) + " ago",
                   entry.header ? "ok" : "damaged: " + entry.problem});
  }
  if (entries.empty()) {
    std::cout << "no packed caches in " << store.dir().string()
              << " (a run with `cache = true` in [dataset], or `eorun cache build`, makes them)\n";
    return;
  }
  table.print(std::cout);
  std::cout << entries.size() << " cache(s), " << format_bytes(total) << " in " << store.dir().string() << "\n";
}

// What is wrong with a cache: "" when it is intact and its source files are unchanged.
std::string check_cache(const CacheEntry& entry, FileHashCache& hash_cache, int threads) {
  if (!entry.header) return "damaged: " + entry.problem;
  std::shared_ptr<const PackedFile> file;
  try {
    file = PackedFile::open(entry.file);
  } catch (const Error& e) {
    return "damaged: " + e.problem();
  }
  const std::vector<std::size_t> bad = file->damaged_records(threads);
  if (!bad.empty())
    return "damaged: " + std::to_string(bad.size()) + " sample(s) fail their checksums (the first: index " +
           std::to_string(bad.front()) + ")";
  std::string manifest;
  try {
    manifest = file->manifest_tsv();
  } catch (const Error& e) {
    return "damaged: " + e.problem();
  }
  const DataManifest built = parse_data_manifest(manifest, file->header().value("manifest_base", std::string()));
  std::vector<std::filesystem::path> paths;
  for (const ManifestEntry& e : built.entries) paths.push_back(built.base / e.path);
  std::vector<FileDigest> now;
  try {
    now = hash_cache.digest(paths, threads);
  } catch (const Error& e) {
    return "stale: a source file is gone (" + e.subject() + ")";
  }
  std::size_t changed = 0;
  std::string first;
  for (std::size_t i = 0; i < now.size(); ++i)
    if (now[i].sha256 != built.entries[i].sha256) {
      if (changed++ == 0) first = paths[i].string();
    }
  if (changed > 0)
    return "stale: " + std::to_string(changed) + " source file(s) changed since it was built (the first: " + first + ")";
  return "";
}

void execute_verify(const CacheArgs& args, AppContext& context, const ProjectConfig& project) {
  const PackedStore store(project.cache_dir);
  FileHashCache hash_cache(project.cache_dir);
  std::size_t checked = 0, bad = 0;
  for (const CacheEntry& entry : store.list()) {
    bool wanted = args.keys.empty();
    for (const std::string& prefix : args.keys) wanted = wanted || entry.key.rfind(prefix, 0) == 0;
    if (!wanted) continue;
    ++checked;
    const std::string problem = check_cache(entry, hash_cache, args.threads);
    std::cout << short_key(entry.key) << "  " << header_text(entry, "dataset") << " " << header_text(entry, "split")
              << ": " << (problem.empty() ? "ok" : problem);
    if (!problem.empty()) {
      ++bad;
      if (!args.keep) std::cout << (store.remove(entry) ? "; removed" : "; in use by a run, not removed");
    }
    std::cout << "\n";
  }
  if (checked == 0 && !args.keys.empty())
    throw Error("eorun cache verify", "no cache has a key starting with the given prefix(es)", "see `eorun cache ls`");
  std::cout << checked << " cache(s) checked, " << bad << " damaged or stale\n";
  if (bad > 0) context.exit_code = ExitCode::failed;
}

void execute_gc(const CacheArgs& args, const ProjectConfig& project) {
  const PackedStore store(project.cache_dir);
  std::vector<CacheEntry> entries = store.list();  // newest use first
  const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  const std::optional<std::int64_t> older_than =
      args.older_than.empty() ? std::nullopt
                              : std::optional<std::int64_t>(parse_duration_seconds(args.older_than, "--older-than"));
  const std::optional<std::uint64_t> max_size =
      args.max_size.empty() ? std::nullopt : std::optional<std::uint64_t>(parse_bytes(args.max_size, "--max-size"));
  std::uint64_t kept_bytes = 0, freed = 0;
  std::size_t removed = 0;
  auto drop = [&](const CacheEntry& entry, const std::string& why) {
    const bool gone = args.dry_run || store.remove(entry);
    std::cout << (args.dry_run ? "would remove " : gone ? "removed " : "in use, kept ") << short_key(entry.key) << " "
              << header_text(entry, "dataset") << " " << header_text(entry, "split") << " ("
              << format_bytes(entry.bytes) << "): " << why << "\n";
    if (gone) {
      freed += entry.bytes;
      ++removed;
    }
    return gone;
  };
  // Newest first: what fits under --max-size is kept, in order of last use.
  for (const CacheEntry& entry : entries) {
    if (!entry.header) {
      if (drop(entry, "damaged (" + entry.problem + ")")) continue;
    } else if (older_than && now - entry.last_used > *older_than) {
      if (drop(entry, "last used " + format_age(now - entry.last_used) + " ago")) continue;
    } else if (max_size && kept_bytes + entry.bytes > *max_size) {
      if (drop(entry, "beyond --max-size " + format_bytes(*max_size) + " (last used " +
                          format_age(now - entry.last_used) + " ago)"))
        continue;
    }
    kept_bytes += entry.bytes;
  }
  for (const std::filesystem::path& temporary : store.stale_temporaries(kStaleTemporarySeconds)) {
    std::error_code error;
    const auto bytes = std::filesystem::file_size(temporary, error);
    std::cout << (args.dry_run ? "would remove " : "removed ") << temporary.filename().string()
              << ": the temporary file of a build that did not finish\n";
    if (!args.dry_run) std::filesystem::remove(temporary, error);
    freed += error ? 0 : bytes;
  }
  std::cout << (args.dry_run ? "would free " : "freed ") << format_bytes(freed) << " (" << removed
            << " cache(s)); " << format_bytes(kept_bytes) << " kept\n";
}

}  // namespace

void execute(const CacheArgs& args, AppContext& context) {
  const ProjectConfig project = load_project_config(std::filesystem::current_path());
  switch (args.action) {
    case CacheArgs::Action::build: execute_build(args, context, project); break;
    case CacheArgs::Action::ls: execute_ls(args, project); break;
    case CacheArgs::Action::verify: execute_verify(args, context, project); break;
    case CacheArgs::Action::gc: execute_gc(args, project); break;
  }
}

}  // namespace eorun
