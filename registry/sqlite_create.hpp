// Creating and opening an SQLite file that many processes may open at the same instant (array
// jobs, parallel shells, a sweep's workers): the run registry and the file-hash cache.
//
//   sqlite::Db db = sqlite::create_or_open(path, [](sqlite::Db& db) { db.exec(kSchema); });
//   ... check that the file is ours ...
//   sqlite::ensure_wal(db);
//
// A missing file is created complete under a temporary name in the same folder (schema, marks,
// WAL mode), closed, and published with link(): the path is either absent or a complete database,
// and a process that loses the race opens the winner's file. A database that exists but is still
// empty (zero length, or its creator has not committed: another tool, an older eorun, a file
// system without hard links) is completed in place under the write lock, which waits for any
// creator still at work; it is never mistaken for a foreign file.
#pragma once

#include <filesystem>
#include <functional>

#include "registry/sqlite_db.hpp"

namespace eorun::sqlite {

// Fills an empty database: creates its schema and sets its marks (application_id,
// user_version). Runs inside a write transaction; throws to leave nothing behind.
using SchemaCreator = std::function<void(Db&)>;

// Opens the database at `path`, creating it with `create_schema` when it is missing or empty.
// A file that holds something else is opened unchanged: the caller checks its marks before
// writing to it. Throws eorun::Error naming `path` when the file cannot be created or opened.
Db create_or_open(const std::filesystem::path& path, const SchemaCreator& create_schema);

// Puts the database in WAL mode unless it is there already (the mode is kept in the file).
// Changing the mode needs the file to itself and SQLite answers "busy" to that at once, without
// waiting: this retries for up to the busy timeout while other connections read it.
void ensure_wal(Db& db);

}  // namespace eorun::sqlite
