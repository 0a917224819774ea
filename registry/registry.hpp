// The run registry: one SQLite file that records every run, for finding and comparing them.
//
//   Registry registry = Registry::open("eorun.db");   // creates and migrates as needed
//   registry.ingest(record);                           // record = runs/<run_id>/record.json
//   for (const RankedRun& run : registry.best_runs("f1_macro", MetricSplit::val, 5)) ...
//
// One process writes (the coordinator); every write is one BEGIN IMMEDIATE transaction, so a
// failed ingest leaves the database as it was. Readers never block the writer (WAL). A Registry
// is one connection: use it from one thread at a time (open one per thread if needed).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "registry/sqlite_db.hpp"

namespace eorun {

enum class MetricSplit { val, test };
std::string_view to_string(MetricSplit split);
std::optional<MetricSplit> metric_split_from_string(std::string_view text);

// What ingest did with a record.
enum class IngestOutcome {
  inserted,   // a run the registry did not have
  replaced,   // a retry of a failed or interrupted run: its rows replaced, attempt + 1
  unchanged,  // the run is already completed, or this exact record is already stored
};

// The registry's own facts about a run (the record has the rest).
struct RunSummary {
  std::string run_id;
  std::string status;       // completed | failed | interrupted
  std::string reason;       // why it failed or was interrupted; empty when completed
  int attempt = 1;          // 1 + the number of times a failed or interrupted run was retried
  std::string ingested_at;  // UTC, ISO 8601
};

// One run ranked by a metric. `val` is the metric on the best epoch's validation, `test` on the
// test split; the one ranked by is always set, the other when the run recorded it.
struct RankedRun {
  std::string run_id;
  std::optional<double> val;
  std::optional<double> test;
};

class Registry {
 public:
  // Opens the registry at `path`, creating the file if needed and migrating it to this eorun's
  // schema. Throws eorun::Error naming the path for a file that is not an eorun registry, one
  // written by a newer eorun, or one that cannot be opened.
  static Registry open(const std::filesystem::path& path);

  const std::filesystem::path& path() const { return db_.path(); }

  // Records one run (the JSON of runs/<run_id>/record.json) in one transaction. A malformed
  // record throws eorun::Error and changes nothing. Re-ingesting a failed or interrupted run
  // replaces its rows and increments `attempt`; a completed run is never replaced.
  IngestOutcome ingest(const nlohmann::json& record);
  // Records many runs in one transaction: all of them, or (on a throw) none.
  std::vector<IngestOutcome> ingest_all(const std::vector<nlohmann::json>& records);

  std::optional<std::string> run_status(const std::string& run_id) const;
  std::optional<RunSummary> run_summary(const std::string& run_id) const;
  // The record exactly as ingested.
  std::optional<nlohmann::json> load_record(const std::string& run_id) const;

  // The full run id for a unique prefix of at least kMinRunIdPrefix hex digits (any case).
  // Throws eorun::Error for a short, non-hex, unknown or ambiguous prefix.
  std::string resolve_run_id(const std::string& prefix) const;
  static constexpr std::size_t kMinRunIdPrefix = 6;

  std::size_t run_count() const;
  std::size_t completed_run_count() const;

  // Names of the metrics recorded on `split`, sorted.
  std::vector<std::string> metric_names(MetricSplit split) const;

  // Completed runs ranked by `metric` on `split`, best first, at most `top` of them. "Best" is
  // higher, or lower for loss-like metrics (see higher_is_better). Runs whose metric is NaN are
  // left out; ties go to the smaller run id. Throws eorun::Error listing the known metric names
  // when no run recorded `metric` on `split`.
  std::vector<RankedRun> best_runs(const std::string& metric, MetricSplit split,
                                   std::size_t top) const;

  // The spec keys (dotted, sorted) whose value differs between completed runs: more than one
  // distinct value, or present in some completed runs and absent from others.
  std::vector<std::string> varying_param_keys() const;

 private:
  explicit Registry(sqlite::Db db) : db_(std::move(db)) {}

  sqlite::Db db_;
};

}  // namespace eorun
