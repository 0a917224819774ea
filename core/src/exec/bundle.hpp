// A run's bundle: the folder runs/<run_id>/ holding everything a run produced
// (record.json, spec.json, env.json, manifest.tsv, best.pt, predictions.csv).
//
// A bundle appears atomically: it is written into a staging folder, every file and the folder are
// fsync'd, then the folder is renamed into place. A reader never sees half a bundle. Ingesting a
// bundle into the registry is a separate step (the coordinator's): a bundle is announced in
// runs/.pending/<run_id> before it is moved into place, and the announcement is removed once the
// registry holds it, so finding bundles a crash left un-ingested never scans the whole runs folder.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace eorun {

class BundleStaging {
 public:
  // Creates runs_dir/.staging-<run_id>-<host>-<pid>/.
  BundleStaging(const std::filesystem::path& runs_dir, const std::string& run_id);
  ~BundleStaging();  // removes the staging folder unless committed
  BundleStaging(const BundleStaging&) = delete;
  BundleStaging& operator=(const BundleStaging&) = delete;

  const std::filesystem::path& dir() const { return staging_; }
  // Writes (and fsyncs) `name` inside the staging folder.
  void write_file(const std::string& name, const std::string& content) const;
  // fsyncs, then renames the staging folder to runs_dir/<run_id>/ (replacing an earlier attempt's
  // bundle) and fsyncs runs_dir. Returns the final folder.
  std::filesystem::path commit();

 private:
  std::filesystem::path runs_dir_;
  std::string run_id_;
  std::filesystem::path staging_;
  bool committed_ = false;
};

inline constexpr const char* kRecordFile = "record.json";
inline constexpr const char* kPendingFolder = ".pending";
inline constexpr const char* kStagingPrefix = ".staging-";

nlohmann::json read_bundle_record(const std::filesystem::path& bundle_dir);
// Bundles announced as pending that exist with a record (a crash between commit and ingest).
// Stale announcements (no bundle: a crash before the rename) are removed.
std::vector<std::filesystem::path> find_uningested_bundles(const std::filesystem::path& runs_dir);
// Removes the staging folders of processes of this host that ended before committing them (killed
// mid-run); another host's are left alone. Returns how many were removed.
std::size_t remove_abandoned_staging(const std::filesystem::path& runs_dir);
// Removes the pending announcement of the bundle in `bundle_dir`.
void mark_ingested(const std::filesystem::path& bundle_dir);

}  // namespace eorun
