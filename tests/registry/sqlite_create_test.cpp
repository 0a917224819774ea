#include "registry/sqlite_create.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "registry/sqlite_db.hpp"
#include "registry_test_support.hpp"
#include "support/temp_dir.hpp"

namespace eorun::sqlite {
namespace {

constexpr long long kTestApplicationId = 42;

void create_notes(Db& db) {
  db.exec("CREATE TABLE notes (x TEXT); PRAGMA application_id = 42; PRAGMA user_version = 1");
}

std::set<std::string> names_in(const std::filesystem::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    names.insert(entry.path().filename().string());
  return names;
}

TEST(SqliteCreateTest, AMissingDatabaseIsCreatedCompleteInWalModeWithNoTemporaryFileLeft) {
  test::TempDir dir;
  const auto path = dir.path() / "new.db";
  {
    Db db = create_or_open(path, create_notes);
    const FileMarks marks = db.file_marks();
    EXPECT_EQ(marks.application_id, kTestApplicationId);
    EXPECT_EQ(marks.user_version, 1);
    EXPECT_EQ(marks.schema_objects, 1);
  }
  EXPECT_EQ(test::text(path, "PRAGMA journal_mode"), "wal") << "published in WAL mode already";
  EXPECT_EQ(test::text(path, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(names_in(dir.path()), std::set<std::string>{"new.db"});
}

TEST(SqliteCreateTest, ACreatorThatThrowsLeavesNoFileBehind) {
  test::TempDir dir;
  auto failing = [](Db& db) {
    db.exec("CREATE TABLE notes (x TEXT)");
    throw std::runtime_error("schema step failed");
  };
  EXPECT_THROW(create_or_open(dir.path() / "new.db", failing), std::runtime_error);
  EXPECT_TRUE(names_in(dir.path()).empty());
}

// Files that hold a database with nothing in it yet are completed, never refused: a zero-length
// file (`touch`, another tool), and the WAL database an older eorun, which created files in place,
// left when it stopped between switching to WAL and creating the schema.
TEST(SqliteCreateTest, AnEmptyDatabaseIsGivenItsSchemaNotRefused) {
  test::TempDir dir;
  const auto zero_length = dir.path() / "zero-length.db";
  std::ofstream{zero_length};
  const auto empty_wal = dir.path() / "empty-wal.db";
  Db::open(empty_wal, Db::Mode::read_write_create).exec("PRAGMA journal_mode = WAL");
  ASSERT_EQ(std::filesystem::file_size(zero_length), 0u);
  ASSERT_EQ(test::text(empty_wal, "PRAGMA journal_mode"), "wal");
  for (const auto& path : {zero_length, empty_wal}) {
    Db db = create_or_open(path, create_notes);
    EXPECT_EQ(db.file_marks().application_id, kTestApplicationId) << path;
    EXPECT_EQ(db.file_marks().schema_objects, 1) << path;
  }
}

TEST(SqliteCreateTest, ADatabaseWithAnythingInItIsOpenedUnchanged) {
  test::TempDir dir;
  const auto path = dir.path() / "other.db";
  Db::open(path, Db::Mode::read_write_create).exec("PRAGMA user_version = 3");
  auto must_not_run = [](Db&) { FAIL() << "the schema creator ran on a database that has marks"; };
  Db db = create_or_open(path, must_not_run);
  EXPECT_EQ(db.file_marks().user_version, 3);
  EXPECT_EQ(db.file_marks().schema_objects, 0);
  EXPECT_EQ(test::text(path, "PRAGMA journal_mode"), "delete");
}

TEST(SqliteCreateTest, EnsureWalSwitchesADatabaseOnceAndKeepsItThere) {
  test::TempDir dir;
  const auto path = dir.path() / "plain.db";
  Db db = Db::open(path, Db::Mode::read_write_create);
  db.exec("CREATE TABLE notes (x TEXT)");
  ensure_wal(db);
  EXPECT_EQ(test::text(path, "PRAGMA journal_mode"), "wal");
  ensure_wal(db);
  EXPECT_EQ(test::text(path, "PRAGMA journal_mode"), "wal");
}

}  // namespace
}  // namespace eorun::sqlite
