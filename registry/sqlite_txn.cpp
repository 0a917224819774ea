#include "registry/sqlite_txn.hpp"

#include <sqlite3.h>

#include "registry/sqlite_db.hpp"

namespace eorun::sqlite {

Txn::Txn(Db& db, Kind kind) : db_(db) {
  db_.exec(kind == Kind::immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Txn::~Txn() {
  if (!open_) return;
  // Never throws: a failed rollback leaves SQLite to roll back when the connection closes.
  sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Txn::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

}  // namespace eorun::sqlite
