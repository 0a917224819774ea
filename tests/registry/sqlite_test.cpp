#include <cmath>

#include <gtest/gtest.h>

#include "eorun/error.hpp"
#include "registry/sqlite_db.hpp"
#include "registry/sqlite_stmt.hpp"
#include "registry/sqlite_txn.hpp"
#include "support/temp_dir.hpp"

namespace eorun::sqlite {
namespace {

TEST(SqliteTest, TxnRollsBackInItsDestructorUnlessCommitted) {
  test::TempDir dir;
  Db db = Db::open(dir.path() / "t.db", Db::Mode::read_write_create);
  db.exec("CREATE TABLE t (x INTEGER)");
  {
    Txn txn(db, Txn::Kind::immediate);
    db.prepare("INSERT INTO t VALUES (1)").run();
  }
  {
    Txn txn(db, Txn::Kind::immediate);
    db.prepare("INSERT INTO t VALUES (2)").run();
    txn.commit();
  }
  Stmt count = db.prepare("SELECT group_concat(x) FROM t");
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.column_text(0), "2");
}

TEST(SqliteTest, ErrorsNameTheDatabaseAndTheStatement) {
  test::TempDir dir;
  Db db = Db::open(dir.path() / "t.db", Db::Mode::read_write_create);
  db.exec("CREATE TABLE t (x INTEGER PRIMARY KEY)");
  Stmt insert = db.prepare("INSERT INTO t VALUES (?1)");
  insert.bind(1, 7).run();
  try {
    insert.bind(1, 7).run();
    FAIL() << "a duplicate key should throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), (dir.path() / "t.db").string());
    EXPECT_NE(e.problem().find("INSERT INTO t VALUES (?1)"), std::string::npos) << e.problem();
    EXPECT_NE(e.problem().find("UNIQUE constraint failed"), std::string::npos) << e.problem();
  }
  insert.bind(1, 8).run();  // the statement stays usable after a failure
  EXPECT_THROW(db.prepare("SELECT nope FROM t"), Error);
}

TEST(SqliteTest, BoundValuesAreNeverSql) {
  test::TempDir dir;
  Db db = Db::open(dir.path() / "t.db", Db::Mode::read_write_create);
  db.exec("CREATE TABLE t (s TEXT)");
  const std::string evil = "x'); DROP TABLE t; --";
  db.prepare("INSERT INTO t VALUES (?1)").bind(1, evil).run();
  Stmt read = db.prepare("SELECT s FROM t");
  ASSERT_TRUE(read.step());
  EXPECT_EQ(read.column_text(0), evil);
}

TEST(SqliteTest, NanIsStoredAsNull) {
  test::TempDir dir;
  Db db = Db::open(dir.path() / "t.db", Db::Mode::read_write_create);
  db.exec("CREATE TABLE t (v REAL)");
  db.prepare("INSERT INTO t VALUES (?1)").bind(1, std::nan("")).run();
  Stmt read = db.prepare("SELECT v FROM t");
  ASSERT_TRUE(read.step());
  EXPECT_FALSE(read.column_optional_double(0).has_value());
}

TEST(SqliteTest, OpeningAMissingFileWithoutCreateFails) {
  test::TempDir dir;
  EXPECT_THROW(Db::open(dir.path() / "missing.db", Db::Mode::read_write), Error);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "missing.db"));
}

}  // namespace
}  // namespace eorun::sqlite
