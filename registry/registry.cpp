#include "registry/registry.hpp"

#include <algorithm>
#include <cctype>

#include "eorun/error.hpp"
#include "registry/metric_direction.hpp"
#include "registry/migrations.hpp"
#include "registry/record_writer.hpp"
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

}  // namespace

std::string_view to_string(MetricSplit split) { return split == MetricSplit::val ? "val" : "test"; }

std::optional<MetricSplit> metric_split_from_string(std::string_view text) {
  if (text == "val") return MetricSplit::val;
  if (text == "test") return MetricSplit::test;
  return std::nullopt;
}

Registry Registry::open(const std::filesystem::path& path) {
  sqlite::Db db = sqlite::Db::open(path, sqlite::Db::Mode::read_write_create);
  registry::check_registry_file(db);  // before any pragma writes to a file that is not ours
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec("PRAGMA foreign_keys = ON");
  // Up to 64 MiB of page cache (taken only as needed): ingest updates indexes in random order,
  // and the default 2 MB cache would re-read their pages from disk at 100k runs.
  db.exec("PRAGMA cache_size = -65536");
  registry::migrate(db);
  return Registry(std::move(db));
}

IngestOutcome Registry::ingest(const nlohmann::json& record) {
  sqlite::Txn txn(db_, sqlite::Txn::Kind::immediate);
  registry::RecordWriter writer(db_);
  IngestOutcome outcome = writer.write(record);
  txn.commit();
  return outcome;
}

std::vector<IngestOutcome> Registry::ingest_all(const std::vector<nlohmann::json>& records) {
  std::vector<IngestOutcome> outcomes;
  outcomes.reserve(records.size());
  sqlite::Txn txn(db_, sqlite::Txn::Kind::immediate);
  registry::RecordWriter writer(db_);
  for (const nlohmann::json& record : records) outcomes.push_back(writer.write(record));
  txn.commit();
  return outcomes;
}

std::optional<std::string> Registry::run_status(const std::string& run_id) const {
  sqlite::Stmt stmt = db_.prepare("SELECT status FROM runs WHERE run_id = ?1");
  stmt.bind(1, run_id);
  if (!stmt.step()) return std::nullopt;
  return stmt.column_text(0);
}

std::optional<RunSummary> Registry::run_summary(const std::string& run_id) const {
  sqlite::Stmt stmt =
      db_.prepare("SELECT status, reason, attempt, ingested_at FROM runs WHERE run_id = ?1");
  stmt.bind(1, run_id);
  if (!stmt.step()) return std::nullopt;
  RunSummary summary;
  summary.run_id = run_id;
  summary.status = stmt.column_text(0);
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
  const std::string_view split_name = to_string(split);
  sqlite::Stmt known =
      db_.prepare("SELECT 1 FROM run_metrics WHERE split = ?1 AND name = ?2 LIMIT 1");
  known.bind(1, split_name).bind(2, metric);
  if (!known.step()) {
    std::vector<std::string> names = metric_names(split);
    throw Error("metric '" + metric + "'",
                "no run in " + path().string() + " recorded it on " + std::string(split_name),
                names.empty() ? "no run recorded " + std::string(split_name) + " metrics yet"
                              : "choose one of: " + join(names, ", "));
  }
  // CROSS JOIN keeps run_metrics outermost, so rows come in index order (best first) and the
  // scan stops after `top` completed runs. Only our two fixed orders are formatted into SQL.
  const std::string order = higher_is_better(metric) ? "DESC" : "ASC";
  sqlite::Stmt stmt = db_.prepare(
      "SELECT r.run_id, m.value,"
      "  (SELECT o.value FROM run_metrics o WHERE o.run = m.run AND o.split = ?3 AND o.name = ?2)"
      " FROM run_metrics m CROSS JOIN runs r"
      " WHERE m.split = ?1 AND m.name = ?2 AND m.value IS NOT NULL"
      "   AND r.id = m.run AND r.status = 'completed'"
      " ORDER BY m.value " +
      order + ", r.run_id LIMIT ?4");
  const MetricSplit other = split == MetricSplit::val ? MetricSplit::test : MetricSplit::val;
  stmt.bind(1, split_name)
      .bind(2, metric)
      .bind(3, to_string(other))
      .bind(4, static_cast<std::int64_t>(std::min<std::size_t>(top, INT64_MAX)));
  std::vector<RankedRun> ranked;
  while (stmt.step()) {
    RankedRun run;
    run.run_id = stmt.column_text(0);
    std::optional<double> value = stmt.column_double(1);
    std::optional<double> other_value = stmt.column_optional_double(2);
    run.val = split == MetricSplit::val ? value : other_value;
    run.test = split == MetricSplit::val ? other_value : value;
    ranked.push_back(std::move(run));
  }
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

}  // namespace eorun
