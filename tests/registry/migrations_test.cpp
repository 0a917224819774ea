#include <fstream>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "eorun/error.hpp"
#include "record_fixture.hpp"
#include "registry/migrations.hpp"
#include "registry/registry.hpp"
#include "registry_test_support.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using test::scalar;
using test::text;

TEST(MigrationsTest, FromEmptyCreatesTheSchemaAndMarksTheFile) {
  test::TempDir dir;
  const auto path = dir.path() / "eorun.db";
  Registry::open(path);
  EXPECT_EQ(scalar(path, "PRAGMA user_version"), registry::latest_schema_version());
  EXPECT_EQ(scalar(path, "PRAGMA application_id"), registry::kApplicationId);
  EXPECT_EQ(text(path, "PRAGMA journal_mode"), "wal");
  for (const char* table :
       {"runs", "run_records", "run_params", "param_values", "run_plugins", "run_metrics", "epochs",
        "epoch_metrics", "sweeps", "sweep_runs", "run_claims"})
    EXPECT_EQ(scalar(path, std::string("SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
                                       "AND name = '") +
                               table + "'"),
              1)
        << table;
  EXPECT_EQ(text(path, "PRAGMA integrity_check"), "ok");
}

TEST(MigrationsTest, ReopenIsIdempotent) {
  test::TempDir dir;
  const auto path = dir.path() / "eorun.db";
  Registry::open(path).ingest(test::full_record(test::run_id("ab")));
  const long long objects = scalar(path, "SELECT count(*) FROM sqlite_schema");
  Registry again = Registry::open(path);
  Registry third = Registry::open(path);  // two connections at once are fine too
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM sqlite_schema"), objects);
  EXPECT_EQ(scalar(path, "PRAGMA user_version"), registry::latest_schema_version());
  EXPECT_EQ(again.run_count(), 1u);
  EXPECT_EQ(third.run_status(test::run_id("ab")), RunStatus::completed);
}

// A registry as eorun wrote it at schema 2: this eorun's file, less what step 3 added.
void downgrade_to_schema_2(const std::filesystem::path& path) {
  const std::vector<std::string> columns = {
      "wall_seconds",   "samples_per_second", "peak_rss_bytes",   "cpu_seconds",
      "energy_j",       "gpu_energy_j",       "co2_g",            "parameters_total",
      "parameters_trainable"};
  sqlite::Db db = sqlite::Db::open(path, sqlite::Db::Mode::read_write);
  for (const std::string& column : columns) {
    db.exec("DROP INDEX runs_by_" + column);
    if (column != "wall_seconds") db.exec("ALTER TABLE runs DROP COLUMN " + column);
  }
  db.exec("PRAGMA user_version = 2");
}

// ... and at schema 1: less what step 2 added too.
void downgrade_to_schema_1(const std::filesystem::path& path) {
  downgrade_to_schema_2(path);
  sqlite::Db db = sqlite::Db::open(path, sqlite::Db::Mode::read_write);
  db.exec(
      "DROP TABLE sweep_runs; DROP TABLE sweeps; DROP TABLE run_claims; PRAGMA user_version = 1");
}

TEST(MigrationsTest, UpgradesASchema1RegistryInPlaceKeepingItsRuns) {
  test::TempDir dir;
  const auto path = dir.path() / "eorun.db";
  {
    Registry registry = Registry::open(path);
    registry.ingest(test::full_record(test::run_id("ab")));
    registry.ingest(test::failed_record(test::run_id("cd"), "diverged"));
  }
  downgrade_to_schema_1(path);
  ASSERT_EQ(scalar(path, "PRAGMA user_version"), 1);
  ASSERT_EQ(scalar(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'sweeps'"), 0);

  Registry registry = Registry::open(path);
  EXPECT_EQ(scalar(path, "PRAGMA user_version"), registry::latest_schema_version());
  for (const char* table : {"sweeps", "sweep_runs", "run_claims"})
    EXPECT_EQ(scalar(path, std::string("SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
                                       "AND name = '") +
                               table + "'"),
              1)
        << table;
  EXPECT_EQ(registry.run_count(), 2u);
  EXPECT_EQ(registry.run_status(test::run_id("ab")), RunStatus::completed);
  EXPECT_EQ(registry.load_record(test::run_id("cd"))->at("reason"), "diverged");
  EXPECT_EQ(registry.best_runs("f1_macro", MetricSplit::val, 10).size(), 1u);
  EXPECT_TRUE(registry.try_claim(test::run_id("cd"), "me", 60));  // the new tables work
  EXPECT_EQ(text(path, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(text(path, "PRAGMA foreign_key_check"), "<no row>");
}

// Step 3 gives runs their cost and timing columns, filled from the records already kept.
TEST(MigrationsTest, UpgradesASchema2RegistryFillingTheCostColumnsFromTheRecords) {
  test::TempDir dir;
  const auto path = dir.path() / "eorun.db";
  {
    Registry registry = Registry::open(path);
    // cost {120, 20, 30.5, 1234.5, null, 0.1}
    registry.ingest(test::full_record(test::run_id("ab")));
    RunRecord cheaper = test::full_run_record(test::run_id("cd"));
    cheaper.cost->energy_j = 99.5;
    registry.ingest(cheaper);
    registry.ingest(test::format1_record("format1_completed"));  // no cost member at all
    registry.ingest(test::format1_lost_worker_record(test::run_id("ef")));  // no timing either
  }
  downgrade_to_schema_2(path);
  ASSERT_EQ(scalar(path, "SELECT count(*) FROM pragma_table_info('runs') WHERE name = 'energy_j'"),
            0);
  const std::string records_before =
      text(path, "SELECT group_concat(record_json) FROM run_records");

  Registry registry = Registry::open(path);
  EXPECT_EQ(scalar(path, "PRAGMA user_version"), registry::latest_schema_version());
  EXPECT_EQ(registry.run_count(), 4u);
  EXPECT_EQ(text(path, "SELECT group_concat(record_json) FROM run_records"), records_before);
  const std::string ab = "run_id = '" + test::run_id("ab") + "'";
  EXPECT_EQ(text(path, "SELECT samples_per_second || ' ' || peak_rss_bytes || ' ' || cpu_seconds"
                       " || ' ' || energy_j || ' ' || co2_g || ' ' || parameters_total || ' ' ||"
                       " parameters_trainable FROM runs WHERE " + ab),
            "250.0 123456 30.5 1234.5 0.1 120 20");
  EXPECT_EQ(scalar(path, "SELECT gpu_energy_j IS NULL FROM runs WHERE " + ab), 1);
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM runs WHERE energy_j IS NULL"), 2);  // format 1
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM runs WHERE samples_per_second IS NULL"), 1);
  // The columns are indexed and ranked by.
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = "
                         "'runs_by_energy_j'"),
            1);
  const std::vector<RankedRun> cheapest = registry.best_runs("energy_j", MetricSplit::val, 10);
  ASSERT_EQ(cheapest.size(), 2u);
  EXPECT_EQ(cheapest[0].run_id, test::run_id("cd"));
  EXPECT_EQ(text(path, "PRAGMA integrity_check"), "ok");
}

TEST(MigrationsTest, ARegistryFromANewerEorunIsRefused) {
  test::TempDir dir;
  const auto path = dir.path() / "eorun.db";
  Registry::open(path);
  {
    sqlite::Db db = sqlite::Db::open(path, sqlite::Db::Mode::read_write);
    db.exec("PRAGMA user_version = 7");
  }
  try {
    Registry::open(path);
    FAIL() << "a newer schema should be refused";
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), path.string());
    EXPECT_EQ(e.problem(), "was written by a newer eorun (schema 7, this eorun knows up to " +
                               std::to_string(registry::latest_schema_version()) + ")");
    EXPECT_EQ(e.remedy(), "upgrade eorun or use another --registry");
  }
  EXPECT_EQ(scalar(path, "PRAGMA user_version"), 7);  // untouched
}

TEST(MigrationsTest, ADatabaseOfAnotherApplicationIsRefusedAndLeftAlone) {
  test::TempDir dir;
  const auto path = dir.path() / "other.db";
  {
    sqlite::Db db = sqlite::Db::open(path, sqlite::Db::Mode::read_write_create);
    db.exec("PRAGMA application_id = 1234; CREATE TABLE notes (x TEXT)");
  }
  try {
    Registry::open(path);
    FAIL() << "another application's database should be refused";
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), path.string());
    EXPECT_NE(e.problem().find("another application (application id 0x000004d2"), std::string::npos)
        << e.problem();
  }
  EXPECT_EQ(text(path, "PRAGMA journal_mode"), "delete");  // not switched to WAL
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM sqlite_schema"), 1);
}

// Marks alone make a file someone else's: it is not an empty file to turn into a registry.
TEST(MigrationsTest, ADatabaseWithMarksButNoTablesIsRefusedAndLeftAlone) {
  const std::pair<const char*, const char*> cases[] = {
      {"PRAGMA application_id = 1234", "another application (application id 0x000004d2"},
      {"PRAGMA user_version = 5", "not an eorun registry (no application id)"},
  };
  for (const auto& [mark, problem] : cases) {
    test::TempDir dir;
    const auto path = dir.path() / "marked.db";
    sqlite::Db::open(path, sqlite::Db::Mode::read_write_create).exec(mark);
    try {
      Registry::open(path);
      ADD_FAILURE() << "a database marked with `" << mark << "` should be refused";
    } catch (const Error& e) {
      EXPECT_NE(e.problem().find(problem), std::string::npos) << e.problem();
    }
    EXPECT_EQ(scalar(path, "SELECT count(*) FROM sqlite_schema"), 0) << mark;
    EXPECT_EQ(text(path, "PRAGMA journal_mode"), "delete") << mark;
  }
}

// A zero-length file (left by `touch`, another tool or an older eorun that stopped early) is a
// registry still to be created, not a foreign file.
TEST(MigrationsTest, AZeroLengthFileBecomesARegistry) {
  test::TempDir dir;
  const auto path = dir.path() / "eorun.db";
  std::ofstream{path};
  Registry::open(path).ingest(test::full_record(test::run_id("ab")));
  EXPECT_EQ(scalar(path, "PRAGMA application_id"), registry::kApplicationId);
  EXPECT_EQ(scalar(path, "PRAGMA user_version"), registry::latest_schema_version());
  EXPECT_EQ(text(path, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(Registry::open(path).run_count(), 1u);
}

TEST(MigrationsTest, AnUnmarkedSqliteDatabaseWithTablesIsRefused) {
  test::TempDir dir;
  const auto path = dir.path() / "plain.db";
  {
    sqlite::Db db = sqlite::Db::open(path, sqlite::Db::Mode::read_write_create);
    db.exec("CREATE TABLE notes (x TEXT)");
  }
  try {
    Registry::open(path);
    FAIL() << "a database that is not a registry should be refused";
  } catch (const Error& e) {
    EXPECT_NE(e.problem().find("not an eorun registry"), std::string::npos) << e.problem();
  }
}

TEST(MigrationsTest, AFileThatIsNotADatabaseIsRefused) {
  test::TempDir dir;
  const auto path = dir.path() / "notes.txt";
  std::ofstream(path) << "these are notes, not a database, and long enough to have a header\n";
  try {
    Registry::open(path);
    FAIL() << "a text file should be refused";
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), path.string());
    EXPECT_NE(e.problem().find("not a database"), std::string::npos) << e.problem();
  }
}

TEST(MigrationsTest, AMissingFolderIsAnErrorNamingThePath) {
  test::TempDir dir;
  const auto path = dir.path() / "no" / "such" / "eorun.db";
  try {
    Registry::open(path);
    FAIL() << "opening in a missing folder should fail";
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), path.string());
  }
}

}  // namespace
}  // namespace eorun
