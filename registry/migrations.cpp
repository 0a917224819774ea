#include "registry/migrations.hpp"

#include <cstdio>
#include <string>
#include <vector>

#include "eorun/error.hpp"
#include "registry/sqlite_db.hpp"
#include "registry/sqlite_txn.hpp"

namespace eorun::registry {

namespace {

struct Migration {
  const char* summary;
  const char* sql;
};

// Step 1: runs and what they recorded. Narrow, indexed tables for queries; the whole record is
// kept beside them (run_records) so nothing recorded is lost and `eorun show` can print it.
constexpr const char* kStep1 = R"sql(
-- Child tables refer to a run by its integer `id` (8 bytes), not its 64-character run_id, which
-- keeps the per-param, per-metric and per-epoch rows small.
CREATE TABLE runs (
  id                   INTEGER PRIMARY KEY,
  run_id               TEXT NOT NULL UNIQUE,
  status               TEXT NOT NULL CHECK (status IN ('completed', 'failed', 'interrupted')),
  reason               TEXT NOT NULL DEFAULT '',
  attempt              INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1),
  started_at           TEXT,
  finished_at          TEXT,
  ingested_at          TEXT NOT NULL,
  seed                 INTEGER,
  threads              INTEGER,
  data_manifest_sha256 TEXT,
  build_id             TEXT,
  eorun_version        TEXT,
  git_commit           TEXT,
  best_epoch           INTEGER,
  best_metric          TEXT,
  best_value           REAL,
  checkpoint_path      TEXT,
  checkpoint_sha256    TEXT,
  final_weights_sha256 TEXT,
  wall_seconds         REAL,
  bundle               TEXT
);
CREATE INDEX runs_by_status ON runs (status);

-- The record exactly as ingested (compact JSON), apart from the narrow tables.
CREATE TABLE run_records (
  run         INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  record_json TEXT NOT NULL
);

-- One row per leaf of the spec: key dotted like 'train.lr'; strings as they are, other values
-- (numbers, booleans, lists, null) as JSON text; numbers also in value_num.
CREATE TABLE run_params (
  run        INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  key        TEXT NOT NULL,
  value_text TEXT NOT NULL,
  value_num  REAL,
  PRIMARY KEY (run, key)
) WITHOUT ROWID;
CREATE INDEX run_params_by_value ON run_params (key, value_text);
CREATE INDEX run_params_by_number ON run_params (key, value_num) WHERE value_num IS NOT NULL;

-- How many completed runs have each (key, value): the keys that distinguish runs are found here
-- without scanning run_params. Kept by ingest; completed runs are never replaced, so counts
-- only grow.
CREATE TABLE param_values (
  key            TEXT NOT NULL,
  value_text     TEXT NOT NULL,
  completed_runs INTEGER NOT NULL CHECK (completed_runs > 0),
  PRIMARY KEY (key, value_text)
) WITHOUT ROWID;

CREATE TABLE run_plugins (
  run     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  role    TEXT NOT NULL,
  name    TEXT NOT NULL,
  version TEXT NOT NULL,
  sha256  TEXT NOT NULL,
  path    TEXT NOT NULL,
  PRIMARY KEY (run, role, name)
) WITHOUT ROWID;
CREATE INDEX run_plugins_by_sha256 ON run_plugins (sha256);

-- Final metrics: 'val' holds the best epoch's validation metrics, 'test' the test metrics.
-- A NULL value is a metric that was not a number (NaN).
CREATE TABLE run_metrics (
  run   INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  split TEXT NOT NULL CHECK (split IN ('val', 'test')),
  name  TEXT NOT NULL,
  value REAL,
  PRIMARY KEY (run, split, name)
) WITHOUT ROWID;
CREATE INDEX run_metrics_by_value ON run_metrics (split, name, value);

CREATE TABLE epochs (
  run               INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  epoch             INTEGER NOT NULL,
  weights_sha256    TEXT,
  chain_sha256      TEXT,
  seconds           REAL,
  data_wait_seconds REAL,
  PRIMARY KEY (run, epoch)
) WITHOUT ROWID;

-- Per-epoch metrics: split 'train' (train_loss, ...) and 'val'.
CREATE TABLE epoch_metrics (
  run   INTEGER NOT NULL,
  epoch INTEGER NOT NULL,
  split TEXT NOT NULL CHECK (split IN ('train', 'val')),
  name  TEXT NOT NULL,
  value REAL,
  PRIMARY KEY (run, epoch, split, name),
  FOREIGN KEY (run, epoch) REFERENCES epochs (run, epoch) ON DELETE CASCADE
) WITHOUT ROWID;
)sql";

// Step 2: sweeps and their plans, claims on runs (leases), and what queries group by.
constexpr const char* kStep2 = R"sql(
-- A sweep as it was run: the script, its overrides and its content hash (sweep_id), one row per
-- run of its plan. A plan names runs by run_id, not runs.id: planned runs may not be in runs yet.
CREATE TABLE sweeps (
  id             INTEGER PRIMARY KEY,
  sweep_id       TEXT NOT NULL UNIQUE,
  name           TEXT NOT NULL,
  script_path    TEXT NOT NULL,
  script_text    TEXT NOT NULL,
  script_sha256  TEXT NOT NULL,
  overrides_json TEXT NOT NULL,
  created_at     TEXT NOT NULL
);
CREATE INDEX sweeps_by_name ON sweeps (name, id);

CREATE TABLE sweep_runs (
  sweep           INTEGER NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
  position        INTEGER NOT NULL,
  run_id          TEXT NOT NULL,
  assignment_json TEXT NOT NULL,
  PRIMARY KEY (sweep, position)
) WITHOUT ROWID;
CREATE INDEX sweep_runs_by_run_id ON sweep_runs (run_id);

-- Who is running a run now: a lease (unix seconds) that its owner's heartbeat keeps pushing
-- forward. A claim whose expires_at has passed belongs to nobody (its owner died).
CREATE TABLE run_claims (
  run_id     TEXT PRIMARY KEY,
  owner      TEXT NOT NULL,
  claimed_at REAL NOT NULL,
  expires_at REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX run_claims_by_owner ON run_claims (owner);
)sql";

// Step 3: what a run cost (record.cost) and the rest of its timing (record.timing) as columns of
// runs, so queries can show, filter, group and rank by them. Rows already recorded get theirs
// from the record each keeps in run_records; NULL where it has none (older records, runs that
// never trained, figures that could not be measured).
constexpr const char* kStep3 = R"sql(
ALTER TABLE runs ADD COLUMN samples_per_second   REAL;
ALTER TABLE runs ADD COLUMN peak_rss_bytes       INTEGER;
ALTER TABLE runs ADD COLUMN cpu_seconds          REAL;
ALTER TABLE runs ADD COLUMN energy_j             REAL;
ALTER TABLE runs ADD COLUMN gpu_energy_j         REAL;
ALTER TABLE runs ADD COLUMN co2_g                REAL;
ALTER TABLE runs ADD COLUMN parameters_total     INTEGER;
ALTER TABLE runs ADD COLUMN parameters_trainable INTEGER;

UPDATE runs SET
  samples_per_second   = json_extract(rr.record_json, '$.timing.samples_per_second'),
  peak_rss_bytes       = json_extract(rr.record_json, '$.timing.peak_rss_bytes'),
  cpu_seconds          = json_extract(rr.record_json, '$.cost.cpu_seconds'),
  energy_j             = json_extract(rr.record_json, '$.cost.energy_j'),
  gpu_energy_j         = json_extract(rr.record_json, '$.cost.gpu_energy_j'),
  co2_g                = json_extract(rr.record_json, '$.cost.co2_g'),
  parameters_total     = json_extract(rr.record_json, '$.cost.parameters_total'),
  parameters_trainable = json_extract(rr.record_json, '$.cost.parameters_trainable')
FROM run_records rr WHERE rr.run = runs.id;

-- --best ranks by these (registry/query/run_query.cpp): the first runs of an index walk in
-- ranking order (best first, ties to the smaller run id), not a sort of every run. Lower is
-- better but for samples_per_second.
CREATE INDEX runs_by_wall_seconds ON runs (wall_seconds, run_id) WHERE wall_seconds IS NOT NULL;
CREATE INDEX runs_by_samples_per_second ON runs (samples_per_second DESC, run_id)
  WHERE samples_per_second IS NOT NULL;
CREATE INDEX runs_by_peak_rss_bytes ON runs (peak_rss_bytes, run_id)
  WHERE peak_rss_bytes IS NOT NULL;
CREATE INDEX runs_by_cpu_seconds ON runs (cpu_seconds, run_id) WHERE cpu_seconds IS NOT NULL;
CREATE INDEX runs_by_energy_j ON runs (energy_j, run_id) WHERE energy_j IS NOT NULL;
CREATE INDEX runs_by_gpu_energy_j ON runs (gpu_energy_j, run_id) WHERE gpu_energy_j IS NOT NULL;
CREATE INDEX runs_by_co2_g ON runs (co2_g, run_id) WHERE co2_g IS NOT NULL;
CREATE INDEX runs_by_parameters_total ON runs (parameters_total, run_id)
  WHERE parameters_total IS NOT NULL;
CREATE INDEX runs_by_parameters_trainable ON runs (parameters_trainable, run_id)
  WHERE parameters_trainable IS NOT NULL;
)sql";

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> steps = {
      {"runs, records, params, plugins, metrics, epochs", kStep1},
      {"sweeps, sweep plans, run claims", kStep2},
      {"run cost and timing columns", kStep3},
  };
  return steps;
}

std::string hex32(std::int64_t value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "0x%08x", static_cast<unsigned>(value));
  return buffer;
}

// Applies the steps after schema `version` and marks the file, in the caller's transaction.
void apply_steps_from(sqlite::Db& db, int version) {
  const auto& steps = migrations();
  const int latest = static_cast<int>(steps.size());
  for (int step = version; step < latest; ++step) db.exec(steps[step].sql);
  // Pragmas take no parameters; these are our own integer constants.
  db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
  db.exec("PRAGMA user_version = " + std::to_string(latest));
}

}  // namespace

int latest_schema_version() { return static_cast<int>(migrations().size()); }

int check_registry_file(const sqlite::Db& db) {
  // One read: a creator committing between separate reads would make a registry look foreign.
  const sqlite::FileMarks marks = db.file_marks();
  const std::int64_t application_id = marks.application_id;
  const std::int64_t version = marks.user_version;
  const std::string subject = db.path().string();
  if (application_id == 0) {
    if (!marks.empty())
      throw Error(subject, "is an SQLite database but not an eorun registry (no application id)",
                  "pass the path of an eorun registry with --registry, or a new file name");
    return 0;  // an empty file: the first migration makes it a registry
  }
  if (application_id != kApplicationId)
    throw Error(subject,
                "is an SQLite database of another application (application id " +
                    hex32(application_id) + ", an eorun registry has " + hex32(kApplicationId) +
                    ")",
                "pass the path of an eorun registry with --registry, or a new file name");
  if (version > latest_schema_version())
    throw Error(subject,
                "was written by a newer eorun (schema " + std::to_string(version) +
                    ", this eorun knows up to " + std::to_string(latest_schema_version()) + ")",
                "upgrade eorun or use another --registry");
  return static_cast<int>(version);
}

void migrate(sqlite::Db& db) {
  if (check_registry_file(db) == latest_schema_version()) return;
  sqlite::Txn txn(db, sqlite::Txn::Kind::immediate);
  // Another process may have migrated between the check and the lock: look again.
  apply_steps_from(db, check_registry_file(db));
  txn.commit();
}

void create_schema(sqlite::Db& db) { apply_steps_from(db, 0); }

}  // namespace eorun::registry
