// Registry: sweeps and their plans.
#include <set>

#include "eorun/error.hpp"
#include "registry/hex_id.hpp"
#include "registry/registry.hpp"
#include "registry/sqlite_stmt.hpp"
#include "registry/sqlite_txn.hpp"

namespace eorun {

namespace {

constexpr const char* kSweepRemedy =
    "a sweep record comes from `eorun sweep`; this is a bug in the caller";

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

void check_sweep(const SweepRecord& sweep) {
  const std::string subject = "sweep '" + sweep.name + "'";
  if (!registry::is_hex_id(sweep.sweep_id))
    throw Error(subject,
                "its sweep_id should be 64 lower-case hex digits, got '" + sweep.sweep_id + "'",
                kSweepRemedy);
  if (sweep.name.empty()) throw Error("sweep " + sweep.sweep_id, "has no name", kSweepRemedy);
  std::set<std::size_t> positions;
  for (const SweepPlanEntry& run : sweep.runs) {
    if (!registry::is_hex_id(run.run_id))
      throw Error(subject,
                  "plan position " + std::to_string(run.position) +
                      " has a run id that is not 64 lower-case hex digits: '" + run.run_id + "'",
                  kSweepRemedy);
    if (!positions.insert(run.position).second)
      throw Error(subject, "plan position " + std::to_string(run.position) + " is given twice",
                  kSweepRemedy);
  }
}

}  // namespace

bool Registry::record_sweep(const SweepRecord& sweep) {
  check_sweep(sweep);
  sqlite::Txn txn(db_, sqlite::Txn::Kind::immediate);
  sqlite::Stmt insert_sweep = db_.prepare(
      "INSERT INTO sweeps (sweep_id, name, script_path, script_text, script_sha256, "
      "overrides_json, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
      "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) ON CONFLICT (sweep_id) DO NOTHING");
  insert_sweep.bind(1, sweep.sweep_id)
      .bind(2, sweep.name)
      .bind(3, sweep.script_path)
      .bind(4, sweep.script_text)
      .bind(5, sweep.script_sha256)
      .bind(6, sweep.overrides.dump())
      .run();
  if (db_.changes() == 0) return false;  // recorded before: same id, same plan
  const std::int64_t id = db_.last_insert_rowid();
  sqlite::Stmt insert_run = db_.prepare(
      "INSERT INTO sweep_runs (sweep, position, run_id, assignment_json) VALUES (?1, ?2, ?3, ?4)");
  for (const SweepPlanEntry& run : sweep.runs)
    insert_run.bind(1, id)
        .bind(2, static_cast<std::int64_t>(run.position))
        .bind(3, run.run_id)
        .bind(4, run.assignment.dump())
        .run();
  txn.commit();
  return true;
}

std::optional<std::string> Registry::resolve_sweep(const std::string& name_or_id_prefix) const {
  sqlite::Stmt by_name =
      db_.prepare("SELECT sweep_id FROM sweeps WHERE name = ?1 ORDER BY id DESC LIMIT 1");
  by_name.bind(1, name_or_id_prefix);
  if (by_name.step()) return by_name.column_text(0);

  const std::string lower = registry::lower_hex(name_or_id_prefix);
  if (lower.size() < kMinRunIdPrefix) return std::nullopt;
  // Sweep ids are lower-case hex, so every id starting with `lower` sorts in [lower, lower + "g").
  constexpr int kShownMatches = 5;
  sqlite::Stmt by_id = db_.prepare(
      "SELECT sweep_id, name FROM sweeps WHERE sweep_id >= ?1 AND sweep_id < ?2"
      " ORDER BY sweep_id LIMIT ?3");
  by_id.bind(1, lower).bind(2, lower + "g").bind(3, kShownMatches + 1);
  std::vector<std::string> matches;
  std::vector<std::string> shown;
  while (by_id.step()) {
    matches.push_back(by_id.column_text(0));
    shown.push_back(matches.back().substr(0, lower.size() + 4) + " (" + by_id.column_text(1) + ")");
  }
  if (matches.empty()) return std::nullopt;
  if (matches.size() > 1) {
    if (shown.size() > kShownMatches) shown.back() = "...";
    throw Error("sweep '" + name_or_id_prefix + "'",
                "matches several sweeps (" + join(shown, ", ") + ")",
                "give more of the sweep id, or the sweep's name");
  }
  return matches.front();
}

std::vector<std::string> Registry::sweep_names() const {
  sqlite::Stmt stmt = db_.prepare("SELECT DISTINCT name FROM sweeps ORDER BY name");
  std::vector<std::string> names;
  while (stmt.step()) names.push_back(stmt.column_text(0));
  return names;
}

std::vector<std::string> Registry::sweep_run_ids(const std::string& sweep_id) const {
  sqlite::Stmt stmt = db_.prepare(
      "SELECT sr.run_id FROM sweeps s JOIN sweep_runs sr ON sr.sweep = s.id"
      " WHERE s.sweep_id = ?1 ORDER BY sr.position");
  stmt.bind(1, sweep_id);
  std::vector<std::string> ids;
  while (stmt.step()) ids.push_back(stmt.column_text(0));
  return ids;
}

}  // namespace eorun
