#include "registry/registry.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "eorun/error.hpp"
#include "registry/migrations.hpp"
#include "registry/query/run_query.hpp"
#include "registry/record_writer.hpp"
#include "registry/sqlite_create.hpp"
#include "registry/sqlite_stmt.hpp"
#include "registry/sqlite_txn.hpp"

namespace eorun {

namespace {

constexpr const char* kListRunsRemedy = "list runs with `eorun query`";

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// A status as the runs table holds it (its CHECK constraint admits only RunStatus words).
RunStatus stored_status(std::string_view text) {
  const std::optional<RunStatus> status = run_status_from_string(text);
  if (!status)
    throw Error("run status '" + std::string(text) + "'", "is not " + run_status_choices(),
                "the registry is damaged; re-ingest the run's bundle");
  return *status;
}

}  // namespace

std::string_view to_string(MetricSplit split) { return split == MetricSplit::val ? "val" : "test"; }

std::optional<MetricSplit> metric_split_from_string(std::string_view text) {
  if (text == "val") return MetricSplit::val;
  if (text == "test") return MetricSplit::test;
  return std::nullopt;
}

Registry Registry::open(const std::filesystem::path& path) {
  // Safe when many processes open a new registry at once (array jobs, parallel shells).
  sqlite::Db db = sqlite::create_or_open(path, registry::create_schema);
  registry::check_registry_file(db);  // before any pragma writes to a file that is not ours
  sqlite::ensure_wal(db);
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec("PRAGMA foreign_keys = ON");
  // Up to 64 MiB of page cache (taken only as needed): ingest updates indexes in random order,
  // and the default 2 MB cache would re-read their pages from disk at 100k runs.
  db.exec("PRAGMA cache_size = -65536");
  registry::migrate(db);
  return Registry(std::move(db));
}

std::unique_ptr<sqlite::Txn> Registry::read_snapshot() {
  return std::make_unique<sqlite::Txn>(db_, sqlite::Txn::Kind::deferred);
}

IngestOutcome Registry::ingest(const nlohmann::json& record) {
  const RunRecord read = RunRecord::from_json(record);
  sqlite::Txn txn(db_, sqlite::Txn::Kind::immediate);
  registry::RecordWriter writer(db_);
  IngestOutcome outcome = writer.write(read, record.dump());
  txn.commit();
  return outcome;
}

IngestOutcome Registry::ingest(const RunRecord& record) {
  sqlite::Txn txn(db_, sqlite::Txn::Kind::immediate);
  registry::RecordWriter writer(db_);
  IngestOutcome outcome = writer.write(record, record.to_json().dump());
  txn.commit();
  return outcome;
}
std::vector<IngestOutcome> Registry::ingest_all(const std::vector<nlohmann::json>& records) {
  std::vector<IngestOutcome> outcomes;
  outcomes.reserve(records.size());
  sqlite::Txn txn(db_, sqlite::Txn::Kind::immediate);
  registry::RecordWriter writer(db_);
  for (const nlohmann::json& record : records)
    outcomes.push_back(writer.write(RunRecord::from_json(record), record.dump()));
  txn.commit();
  return outcomes;
}

std::optional<RunStatus> Registry::run_status(const std::string& run_id) const {
  sqlite::Stmt stmt = db_.prepare("SELECT status FROM runs WHERE run_id = ?1");
  stmt.bind(1, run_id);
  if (!stmt.step()) return std::nullopt;
  return stored_status(stmt.column_view(0));
}

std::optional<RunSummary> Registry::run_summary(const std::string& run_id) const {
  sqlite::Stmt stmt =
      db_.prepare("SELECT status, reason, attempt, ingested_at FROM runs WHERE run_id = ?1");
  stmt.bind(1, run_id);
  if (!stmt.step()) return std::nullopt;
  RunSummary summary;
  summary.run_id = run_id;
  summary.status = stored_status(stmt.column_view(0));
  summary.reason = stmt.column_text(1);
  summary.attempt = static_cast<int>(stmt.column_int(2));
  summary.ingested_at = stmt.column_text(3);
  return summary;
}

std::optional<nlohmann::json> Registry::load_record(const std::string& run_id) const {
  sqlite::Stmt stmt = db_.prepare(
      "SELECT record_json FROM runs JOIN run_records ON run_records.run = runs.id"
      " WHERE runs.run_id = ?1");
  stmt.bind(1, run_id);
  if (!stmt.step()) return std::nullopt;
  nlohmann::json record = nlohmann::json::parse(stmt.column_text(0), nullptr, false);
  if (record.is_discarded())
    throw Error(path().string(), "the stored record of run " + run_id + " is not valid JSON",
                "the registry is damaged; re-ingest the run's bundle");
  return record;
}

std::optional<RunRecord> Registry::load_run_record(const std::string& run_id) const {
  const std::optional<nlohmann::json> record = load_record(run_id);
  if (!record) return std::nullopt;
  return RunRecord::from_json(*record);
}

std::string Registry::resolve_run_id(const std::string& prefix) const {
  std::string lower;
  for (char c : prefix) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool hex = !lower.empty() && std::all_of(lower.begin(), lower.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
  if (!hex)
    throw Error("run id '" + prefix + "'", "is not a run id (run ids are hex digits)",
                kListRunsRemedy);
  if (lower.size() < kMinRunIdPrefix)
    throw Error("run id '" + prefix + "'",
                "is too short to pick one run (at least " + std::to_string(kMinRunIdPrefix) +
                    " hex digits are needed)",
                "give more of the run id; " + std::string(kListRunsRemedy));
  // Run ids are lower-case hex, so every id starting with `lower` sorts in [lower, lower + "g").
  constexpr int kShownMatches = 5;
  sqlite::Stmt stmt = db_.prepare(
      "SELECT run_id FROM runs WHERE run_id >= ?1 AND run_id < ?2 ORDER BY run_id LIMIT ?3");
  stmt.bind(1, lower).bind(2, lower + "g").bind(3, kShownMatches + 1);
  std::vector<std::string> matches;
  while (stmt.step()) matches.push_back(stmt.column_text(0));
  if (matches.empty())
    throw Error("run id '" + prefix + "'", "matches no run in " + path().string(), kListRunsRemedy);
  if (matches.size() > 1) {
    std::vector<std::string> shown;
    for (std::size_t i = 0; i < matches.size() && i < kShownMatches; ++i)
      shown.push_back(matches[i].substr(0, lower.size() + 4));
    if (matches.size() > kShownMatches) shown.push_back("...");
    throw Error("run id '" + prefix + "'", "matches several runs (" + join(shown, ", ") + ")",
                "give more of the run id");
  }
  return matches.front();
}

std::vector<std::string> Registry::run_ids() const {
  sqlite::Stmt stmt = db_.prepare("SELECT run_id FROM runs ORDER BY id");
  std::vector<std::string> ids;
  while (stmt.step()) ids.push_back(stmt.column_text(0));
  return ids;
}

std::size_t Registry::run_count() const {
  sqlite::Stmt stmt = db_.prepare("SELECT count(*) FROM runs");
  stmt.step();
  return static_cast<std::size_t>(stmt.column_int(0));
}

std::size_t Registry::completed_run_count() const {
  sqlite::Stmt stmt = db_.prepare("SELECT count(*) FROM runs WHERE status = 'completed'");
  stmt.step();
  return static_cast<std::size_t>(stmt.column_int(0));
}

std::vector<std::string> Registry::metric_names(MetricSplit split) const {
  // Distinct names by hopping through the (split, name, value) index: one seek per name
  // instead of a scan over every run's metrics.
  sqlite::Stmt stmt = db_.prepare(
      "WITH RECURSIVE names (name) AS ("
      "  SELECT min(name) FROM run_metrics WHERE split = ?1"
      "  UNION ALL"
      "  SELECT (SELECT min(name) FROM run_metrics WHERE split = ?1 AND name > names.name)"
      "  FROM names WHERE names.name IS NOT NULL)"
      "SELECT name FROM names WHERE name IS NOT NULL");
  stmt.bind(1, to_string(split));
  std::vector<std::string> names;
  while (stmt.step()) names.push_back(stmt.column_text(0));
  return names;
}

std::vector<RankedRun> Registry::best_runs(const std::string& metric, MetricSplit split,
                                           std::size_t top) const {
  std::vector<RankedRun> ranked;
  for (query::RunRow& row : query::rank_runs(*this, query::completed_runs(), metric, split, top))
    ranked.push_back({std::move(row.run_id), row.val, row.test, row.figure});
  return ranked;
}

std::vector<std::string> Registry::varying_param_keys() const {
  sqlite::Stmt stmt = db_.prepare(
      "SELECT key FROM param_values GROUP BY key"
      " HAVING count(*) > 1"
      "   OR sum(completed_runs) < (SELECT count(*) FROM runs WHERE status = 'completed')"
      " ORDER BY key");
  std::vector<std::string> keys;
  while (stmt.step()) keys.push_back(stmt.column_text(0));
  return keys;
}

std::set<std::string> Registry::param_keys_of_every_completed_run() const {
  sqlite::Stmt stmt = db_.prepare(
      "SELECT key FROM param_values GROUP BY key"
      " HAVING sum(completed_runs) = (SELECT count(*) FROM runs WHERE status = 'completed')");
  std::set<std::string> keys;
  while (stmt.step()) keys.insert(stmt.column_text(0));
  return keys;
}

std::map<std::string, RunStatus> Registry::run_statuses(
    const std::vector<std::string>& run_ids) const {
  // Batches of bound parameters: one statement per kBatch ids, prepared once for full batches.
  constexpr std::size_t kBatch = 500;
  auto statement_for = [this](std::size_t count) {
    std::string sql = "SELECT run_id, status FROM runs WHERE run_id IN (?";
    for (std::size_t i = 1; i < count; ++i) sql += ", ?";
    return db_.prepare(sql + ")");
  };
  std::map<std::string, RunStatus> statuses;
  std::optional<sqlite::Stmt> full;
  for (std::size_t start = 0; start < run_ids.size(); start += kBatch) {
    const std::size_t count = std::min(kBatch, run_ids.size() - start);
    std::optional<sqlite::Stmt> partial;
    if (count == kBatch && !full) full.emplace(statement_for(kBatch));
    if (count != kBatch) partial.emplace(statement_for(count));
    sqlite::Stmt& stmt = count == kBatch ? *full : *partial;
    for (std::size_t i = 0; i < count; ++i) stmt.bind(static_cast<int>(i + 1), run_ids[start + i]);
    while (stmt.step()) statuses.emplace(stmt.column_text(0), stored_status(stmt.column_view(1)));
    stmt.reset();
  }
  return statuses;
}

}  // namespace eorun
