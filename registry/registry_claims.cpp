// Registry: claims on runs, so that processes sharing a registry never run the same run twice.
#include <chrono>
#include <cmath>

#include "eorun/error.hpp"
#include "registry/registry.hpp"
#include "registry/sqlite_stmt.hpp"
#include "registry/sqlite_txn.hpp"

namespace eorun {

namespace {

constexpr const char* kCallerRemedy = "this is a bug in the caller";

void check_claim_arguments(const std::string& owner, double lease_seconds) {
  if (owner.empty()) throw Error("run claim", "has no owner", kCallerRemedy);
  if (!std::isfinite(lease_seconds) || lease_seconds <= 0)
    throw Error("run claim by " + owner,
                "lease of " + std::to_string(lease_seconds) + " s (it should be above 0)",
                kCallerRemedy);
}

}  // namespace

double unix_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

bool Registry::try_claim(const std::string& run_id, const std::string& owner,
                         double lease_seconds,
                         const std::function<bool(const std::string& holder)>& holder_is_alive) {
  check_claim_arguments(owner, lease_seconds);
  // The write lock first, then the clock: whoever holds the lock decides on the current time.
  sqlite::Txn txn(db_, sqlite::Txn::Kind::immediate);
  const double now = unix_now();

  sqlite::Stmt completed =
      db_.prepare("SELECT 1 FROM runs WHERE run_id = ?1 AND status = 'completed'");
  completed.bind(1, run_id);
  if (completed.step()) return false;

  sqlite::Stmt holder = db_.prepare("SELECT owner, expires_at FROM run_claims WHERE run_id = ?1");
  holder.bind(1, run_id);
  if (holder.step() && holder.column_text(0) != owner && holder.column_double(1) >= now &&
      (!holder_is_alive || holder_is_alive(holder.column_text(0))))
    return false;  // another owner's live claim

  // A new claim, a take-over of an expired one, or the owner renewing its own.
  sqlite::Stmt claim = db_.prepare(
      "INSERT INTO run_claims (run_id, owner, claimed_at, expires_at) VALUES (?1, ?2, ?3, ?4)"
      " ON CONFLICT (run_id) DO UPDATE SET"
      "   claimed_at = CASE WHEN owner = excluded.owner THEN claimed_at"
      "                     ELSE excluded.claimed_at END,"
      "   owner = excluded.owner,"
      "   expires_at = excluded.expires_at");
  claim.bind(1, run_id).bind(2, owner).bind(3, now).bind(4, now + lease_seconds).run();
  txn.commit();
  return true;
}

void Registry::renew_claims(const std::string& owner, double lease_seconds) {
  check_claim_arguments(owner, lease_seconds);
  sqlite::Txn txn(db_, sqlite::Txn::Kind::immediate);
  sqlite::Stmt renew = db_.prepare("UPDATE run_claims SET expires_at = ?1 WHERE owner = ?2");
  renew.bind(1, unix_now() + lease_seconds).bind(2, owner).run();
  txn.commit();
}

void Registry::release_claim(const std::string& run_id, const std::string& owner) {
  sqlite::Txn txn(db_, sqlite::Txn::Kind::immediate);
  sqlite::Stmt release = db_.prepare("DELETE FROM run_claims WHERE run_id = ?1 AND owner = ?2");
  release.bind(1, run_id).bind(2, owner).run();
  txn.commit();
}

std::size_t Registry::live_claims() const {
  sqlite::Stmt stmt = db_.prepare("SELECT count(*) FROM run_claims WHERE expires_at >= ?1");
  stmt.bind(1, unix_now());
  stmt.step();
  return static_cast<std::size_t>(stmt.column_int(0));
}

}  // namespace eorun
