// The registry schema as numbered migration steps.
//
// Step N takes a database from schema N-1 to N; `PRAGMA user_version` records the schema a file
// has and `PRAGMA application_id` marks it as an eorun registry (a new registry gets every step at
// once, see create_schema). A file with another application id, or written by a newer eorun
// (user_version above what this eorun knows), is refused before anything is changed. Missing steps
// are applied together in one BEGIN IMMEDIATE transaction, so a registry is always at one known
// schema.
//
// To change the schema: append a step to the list in migrations.cpp. Never edit a released step.
#pragma once

#include <cstdint>

namespace eorun::sqlite {
class Db;
}

namespace eorun::registry {

// 'eoru' in ASCII: marks a SQLite file as an eorun registry (see `PRAGMA application_id`).
inline constexpr std::int32_t kApplicationId = 0x656f7275;

// The schema version this eorun writes (the number of migration steps it knows).
int latest_schema_version();

// The schema version of `db` after checking that it is an eorun registry (or an empty file)
// that this eorun can read. Throws eorun::Error naming the file otherwise. Changes nothing.
int check_registry_file(const sqlite::Db& db);

// Brings `db` to latest_schema_version(). Does nothing (takes no write lock) when it is there.
void migrate(sqlite::Db& db);

// Gives an empty database the latest schema and marks it as an eorun registry, inside the
// caller's write transaction: the schema creator for sqlite::create_or_open.
void create_schema(sqlite::Db& db);

}  // namespace eorun::registry
