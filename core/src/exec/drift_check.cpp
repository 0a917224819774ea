#include "exec/drift_check.hpp"

#include <fstream>
#include <sstream>

#include "spec/data_manifest.hpp"
#include "util/sha256.hpp"

namespace eorun {

DriftReport check_drift(const RunRecord& record, FileHashCache& hash_cache, int threads, bool rehash) {
  DriftReport report;
  report.run_id = record.run_id;
  for (const PluginRecord& plugin : record.plugins) {
    const std::string what = "plugin " + plugin.role + " '" + plugin.name + "'";
    const std::filesystem::path path = plugin.path;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      report.plugin_changes.push_back(what + ": " + path.string() + " is gone");
      continue;
    }
    const std::string now = sha256_file(path);
    if (now != plugin.sha256)
      report.plugin_changes.push_back(what + ": " + path.string() + " changed (sha256 " +
                                      plugin.sha256.substr(0, 12) + " -> " + now.substr(0, 12) + ")");
  }
  for (const ParamFileRecord& file : record.param_files) {
    if (!file.sha256) continue;  // a folder or a file that was missing: nothing was hashed
    const std::string what = "file of " + file.key + ": " + file.path;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file.path, ec)) {
      report.param_file_changes.push_back(what + " is gone");
      continue;
    }
    const std::string now = hash_cache.digest({file.path}, 1, !rehash).front().sha256;
    if (now != *file.sha256)
      report.param_file_changes.push_back(what + " changed (sha256 " + file.sha256->substr(0, 12) +
                                          " -> " + now.substr(0, 12) + ")");
  }
  // A run whose worker died before writing a bundle has no manifest to check.
  std::ifstream in;
  if (record.bundle) in.open(std::filesystem::path(*record.bundle) / "manifest.tsv");
  if (!in.is_open()) {
    report.manifest_missing = true;
    return report;
  }
  std::stringstream text;
  text << in.rdbuf();
  const DataManifest recorded = parse_data_manifest(text.str(), record.data ? record.data->base : "");
  std::vector<std::filesystem::path> present;
  std::vector<const ManifestEntry*> entries;
  for (const ManifestEntry& e : recorded.entries) {
    const std::filesystem::path path = recorded.base / e.path;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      report.missing_files.push_back(e.path);
      continue;
    }
    present.push_back(path);
    entries.push_back(&e);
  }
  const std::vector<FileDigest> digests = hash_cache.digest(present, threads, !rehash);
  for (std::size_t i = 0; i < digests.size(); ++i)
    if (digests[i].sha256 != entries[i]->sha256) report.changed_files.push_back(entries[i]->path);
  report.files_checked = recorded.entries.size();
  return report;
}

}  // namespace eorun
