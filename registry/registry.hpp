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
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "registry/run_record.hpp"
#include "registry/run_status.hpp"
#include "registry/sqlite_db.hpp"
#include "registry/sqlite_txn.hpp"

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
  RunStatus status = RunStatus::failed;
  std::string reason;       // why it failed or was interrupted; empty when completed
  int attempt = 1;          // 1 + the number of times a failed or interrupted run was retried
  std::string ingested_at;  // UTC, ISO 8601
};

// One run ranked by a metric. `val` is the metric on the best epoch's validation, `test` on the
// test split; the one ranked by is always set, the other when the run recorded it. Ranked by a
// measured figure (energy_j, ...), `figure` is set instead.
struct RankedRun {
  std::string run_id;
  std::optional<double> val;
  std::optional<double> test;
  std::optional<double> figure;
};

// One run of a sweep's plan: its place in the expansion, its identity and the values the script
// assigned to it (e.g. {"train.lr": 0.001, "train.seed": 2}).
struct SweepPlanEntry {
  std::size_t position = 0;
  std::string run_id;
  nlohmann::json assignment = nlohmann::json::object();
};

// A sweep as it was run: the script's text and hash, the overrides given on the command line and
// the plan it expanded to. sweep_id (64 hex digits) is the sweep's content hash.
struct SweepRecord {
  std::string sweep_id;
  std::string name;
  std::string script_path;
  std::string script_text;
  std::string script_sha256;
  nlohmann::json overrides = nlohmann::json::object();
  std::vector<SweepPlanEntry> runs;
};

// Seconds since the Unix epoch, with sub-second precision: the clock of run claims.
double unix_now();

class Registry {
 public:
  // Opens the registry at `path`, creating the file if needed and migrating it to this eorun's
  // schema. Throws eorun::Error naming the path for a file that is not an eorun registry, one
  // written by a newer eorun, or one that cannot be opened.
  static Registry open(const std::filesystem::path& path);

  const std::filesystem::path& path() const { return db_.path(); }

  // Records one run (the JSON of runs/<run_id>/record.json, any format RunRecord reads) in one
  // transaction, keeping the JSON as written. A malformed record throws eorun::Error naming the
  // field and changes nothing. Re-ingesting a failed or interrupted run replaces its rows and
  // increments `attempt`; a completed run is never replaced.
  IngestOutcome ingest(const nlohmann::json& record);
  // The same for a record made in this process (kept as record.to_json()).
  IngestOutcome ingest(const RunRecord& record);
  // Records many runs in one transaction: all of them, or (on a throw) none.
  std::vector<IngestOutcome> ingest_all(const std::vector<nlohmann::json>& records);

  std::optional<RunStatus> run_status(const std::string& run_id) const;
  std::optional<RunSummary> run_summary(const std::string& run_id) const;
  // The record exactly as ingested (in the format it was written in).
  std::optional<nlohmann::json> load_record(const std::string& run_id) const;
  // The same record, read (RunRecord::from_json).
  std::optional<RunRecord> load_run_record(const std::string& run_id) const;

  // The full run id for a unique prefix of at least kMinRunIdPrefix hex digits (any case).
  // Throws eorun::Error for a short, non-hex, unknown or ambiguous prefix.
  std::string resolve_run_id(const std::string& prefix) const;
  static constexpr std::size_t kMinRunIdPrefix = 6;

  // Every run id, in the order the runs were recorded.
  std::vector<std::string> run_ids() const;

  std::size_t run_count() const;
  std::size_t completed_run_count() const;

  // Names of the metrics recorded on `split`, sorted.
  std::vector<std::string> metric_names(MetricSplit split) const;

  // Completed runs ranked by `metric` on `split`, best first, at most `top` of them. "Best" is
  // higher, or lower for loss-like metrics (see higher_is_better). Runs whose metric is NaN are
  // left out; ties go to the smaller run id. Throws eorun::Error listing the known metric names
  // when no run recorded `metric` on `split`. A measured figure (energy_j, wall_seconds, ...:
  // query/fields.hpp) in place of `metric` ranks by that figure; runs without it are left out.
  std::vector<RankedRun> best_runs(const std::string& metric, MetricSplit split,
                                   std::size_t top) const;

  // The spec keys (dotted, sorted) whose value differs between completed runs: more than one
  // distinct value, or present in some completed runs and absent from others.
  std::vector<std::string> varying_param_keys() const;
  // The spec keys that every completed run has.
  std::set<std::string> param_keys_of_every_completed_run() const;

  // The status of each of `run_ids` the registry has; ids it does not have are left out. One
  // pass for many ids (a plan of thousands of runs).
  std::map<std::string, RunStatus> run_statuses(const std::vector<std::string>& run_ids) const;

  // --- Sweeps ---------------------------------------------------------------------------------

  // Records a sweep and its plan in one transaction. Returns false, changing nothing, when a
  // sweep with this sweep_id is already recorded (the same content hash, so the same plan).
  // Throws eorun::Error for a malformed record (ids that are not 64 hex digits, a position
  // given twice).
  bool record_sweep(const SweepRecord& sweep);

  // The sweep_id of the sweep named `name_or_id_prefix` (the latest one with that name), else of
  // the one whose sweep_id starts with it (at least kMinRunIdPrefix hex digits, any case).
  // nullopt when nothing matches; throws eorun::Error when the prefix matches several sweeps.
  std::optional<std::string> resolve_sweep(const std::string& name_or_id_prefix) const;

  // The names of the recorded sweeps, sorted, each once.
  std::vector<std::string> sweep_names() const;

  // The run ids of a sweep's plan, in plan order (empty for an unknown sweep_id).
  std::vector<std::string> sweep_run_ids(const std::string& sweep_id) const;

  // --- Run claims: leases so that two eorun processes never run the same run ------------------
  //
  // A claim is a lease that expires `lease_seconds` after it was taken or last renewed. Every
  // call decides in one BEGIN IMMEDIATE transaction with the clock read after the lock is held,
  // so with any number of processes on one registry each run has at most one live owner.
  // Contention waits (the busy timeout) rather than failing.

  // Claims `run_id` for `owner`: true when there was no claim, the claim expired, or `owner`
  // already holds it (then its lease is renewed); false when another owner's claim is live or
  // the run is already completed. `holder_is_alive`, when given, is asked about another owner's
  // live claim: a holder it declares dead (a process known to be gone) loses the claim at once
  // instead of when its lease runs out.
  bool try_claim(const std::string& run_id, const std::string& owner, double lease_seconds,
                 const std::function<bool(const std::string& holder)>& holder_is_alive = {});
  // Heartbeat: pushes the expiry of every claim `owner` holds to now + lease_seconds.
  void renew_claims(const std::string& owner, double lease_seconds);
  // Gives `run_id` up, if `owner` holds it (another owner's claim is left alone).
  void release_claim(const std::string& run_id, const std::string& owner);
  // Claims that have not expired.
  std::size_t live_claims() const;

  // A read transaction: the queries made while it lives all see the registry as it was at the
  // first of them, however many runs others record meanwhile. Ends (changing nothing) when
  // destroyed.
  std::unique_ptr<sqlite::Txn> read_snapshot();

  // The connection, for the query module (registry/query/): reads only.
  const sqlite::Db& db() const { return db_; }

 private:
  explicit Registry(sqlite::Db db) : db_(std::move(db)) {}

  sqlite::Db db_;
};

}  // namespace eorun
