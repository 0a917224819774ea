// Many processes opening one fresh registry and file-hash cache at the same instant, as array
// jobs and parallel shells do (`eorun sweep` started twice in a new folder). Every process must
// succeed, and none may report a lock or a "foreign" file it merely saw half-created.
//
// In-process tests beside it put one connection in the middle of creating a registry, or writing
// to one, and check that a second opener waits for it. They learn that the opener is waiting from
// SQLite itself (SleepWatch), never from a clock.
#include <sqlite3.h>

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "eorun/error.hpp"
#include "registry/migrations.hpp"
#include "registry/registry.hpp"
#include "registry/sqlite_create.hpp"
#include "registry/sqlite_txn.hpp"
#include "registry_test_support.hpp"
#include "support/released_together.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

// Even rounds start in a new folder (the files are created under temporary names and linked into
// place); odd rounds find zero-length files there, as `touch` or an older eorun leaves them (every
// process then completes them in place, under SQLite's locks).
TEST(ConcurrentOpenTest, ManyProcessesCreateTheSameRegistryAndCacheAtOnce) {
  constexpr int kProcesses = 8;
  constexpr int kRounds = 25;
  for (int round = 0; round < kRounds; ++round) {
    test::TempDir dir;
    const auto data_file = dir.path() / "data.bin";
    std::ofstream(data_file) << "a data file to hash, round " << round << "\n";
    if (round % 2 == 1) {
      std::filesystem::create_directory(dir.path() / ".eorun-cache");
      std::ofstream{dir.path() / ".eorun-cache" / "file-hashes.db"};
      std::ofstream{dir.path() / "eorun.db"};
    }
    test::ReleasedTogether helpers(dir.path());
    for (int i = 0; i < kProcesses; ++i)
      helpers.start({EORUN_CONCURRENT_OPEN_HELPER, dir.path().string(), data_file.string()},
                    dir.path());
    const auto finished = helpers.wait_all();
    for (std::size_t i = 0; i < finished.size(); ++i) {
      const auto& f = finished[i];
      EXPECT_TRUE(f.exited_ok()) << "round " << round << ", process " << i << ": " << f.err;
      EXPECT_EQ(f.err.find("locked"), std::string::npos) << f.err;
      EXPECT_EQ(f.err.find("not an eorun registry"), std::string::npos) << f.err;
    }
    const auto registry = dir.path() / "eorun.db";
    EXPECT_EQ(test::scalar(registry, "PRAGMA application_id"), registry::kApplicationId);
    EXPECT_EQ(test::scalar(registry, "PRAGMA user_version"), registry::latest_schema_version());
    EXPECT_EQ(test::text(registry, "PRAGMA journal_mode"), "wal");
    const auto cache = dir.path() / ".eorun-cache" / "file-hashes.db";
    EXPECT_EQ(test::scalar(cache, "SELECT count(*) FROM file_hashes"), 1);
    EXPECT_EQ(test::text(cache, "PRAGMA journal_mode"), "wal");
    for (const auto& folder : {dir.path(), dir.path() / ".eorun-cache"})
      for (const auto& entry : std::filesystem::directory_iterator(folder))
        EXPECT_EQ(entry.path().filename().string().find(".new-"), std::string::npos)
            << "a temporary database was left behind: " << entry.path();
    if (HasFailure()) break;  // one round's messages are enough to see what went wrong
  }
}

// Sees every sleep of SQLite's busy handler and of sqlite3_sleep() in this process, by wrapping
// the default VFS whose xSleep both call: a test waits on it to know that a connection is
// waiting for a lock. Connections opened while it lives use it.
class SleepWatch {
 public:
  SleepWatch() : base_(sqlite3_vfs_find(nullptr)), vfs_(*base_) {
    vfs_.zName = "eorun-test-sleep-watch";
    vfs_.xSleep = &SleepWatch::sleep;
    instance_ = this;
    sqlite3_vfs_register(&vfs_, 1);
  }
  ~SleepWatch() {
    sqlite3_vfs_unregister(&vfs_);
    instance_ = nullptr;
  }
  SleepWatch(const SleepWatch&) = delete;
  SleepWatch& operator=(const SleepWatch&) = delete;

  // Runs `work` on a thread of its own and returns once that thread has slept in SQLite (true)
  // or has finished without sleeping (false). join() then waits for the end of `work`.
  template <typename Work>
  bool start_and_wait_for_sleep(Work work) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      sleeper_slept_ = false;
      sleeper_done_ = false;
    }
    sleeper_ = std::thread([this, work] {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        sleeper_id_ = std::this_thread::get_id();
      }
      work();
      std::lock_guard<std::mutex> lock(mutex_);
      sleeper_done_ = true;
      changed_.notify_all();
    });
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return sleeper_slept_ || sleeper_done_; });
    return sleeper_slept_;
  }
  void join() { sleeper_.join(); }

 private:
  static int sleep(sqlite3_vfs*, int microseconds) {
    SleepWatch& watch = *instance_;
    {
      std::lock_guard<std::mutex> lock(watch.mutex_);
      if (std::this_thread::get_id() == watch.sleeper_id_) watch.sleeper_slept_ = true;
      watch.changed_.notify_all();
    }
    return watch.base_->xSleep(watch.base_, microseconds);
  }

  static inline SleepWatch* instance_ = nullptr;
  sqlite3_vfs* base_;
  sqlite3_vfs vfs_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::thread sleeper_;
  std::thread::id sleeper_id_;
  bool sleeper_slept_ = false;
  bool sleeper_done_ = false;
};

// What Registry::open did on another thread: nothing (ok) or the message of its error.
struct OpenOutcome {
  bool ok = false;
  std::string error;
};

OpenOutcome open_registry(const std::filesystem::path& path) {
  try {
    Registry::open(path).run_count();
    return {true, {}};
  } catch (const std::exception& e) {
    return {false, e.what()};
  }
}

long long table_count(const std::filesystem::path& path) {
  return test::scalar(path, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'");
}

// Another process (an older eorun, which created registries in place) has the registry file and
// is creating the schema inside its open write transaction. An opener must wait for it and then
// use its registry: not call it foreign, not report a lock, not create the schema a second time.
void expect_open_waits_for_creator(bool creator_set_wal_first) {
  test::TempDir dir;
  const auto path = dir.path() / "eorun.db";
  long long tables_of_one_registry = 0;
  {
    test::TempDir reference;
    Registry::open(reference.path() / "eorun.db");
    tables_of_one_registry = table_count(reference.path() / "eorun.db");
  }
  SleepWatch watch;
  sqlite::Db creator = sqlite::Db::open(path, sqlite::Db::Mode::read_write_create);
  ASSERT_EQ(std::filesystem::file_size(path), 0u);
  if (creator_set_wal_first) creator.exec("PRAGMA journal_mode = WAL");
  sqlite::Txn creating(creator, sqlite::Txn::Kind::immediate);
  registry::create_schema(creator);

  OpenOutcome outcome;
  const bool waited = watch.start_and_wait_for_sleep([&] { outcome = open_registry(path); });
  creating.commit();
  watch.join();
  EXPECT_TRUE(waited) << "the opener did not wait for the creator's transaction";
  EXPECT_TRUE(outcome.ok) << outcome.error;
  EXPECT_EQ(test::scalar(path, "PRAGMA application_id"), registry::kApplicationId);
  EXPECT_EQ(test::scalar(path, "PRAGMA user_version"), registry::latest_schema_version());
  EXPECT_EQ(test::text(path, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(table_count(path), tables_of_one_registry);
}

TEST(ConcurrentOpenTest, OpenWaitsForACreatorStillInsideItsTransactionOnAZeroLengthFile) {
  expect_open_waits_for_creator(false);
}

TEST(ConcurrentOpenTest, OpenWaitsForACreatorStillInsideItsTransactionOnAnEmptyWalFile) {
  expect_open_waits_for_creator(true);
}

// Switching a database to WAL needs it to itself, and SQLite answers "busy" at once, without its
// busy handler, while another connection holds the write lock: ensure_wal must keep trying until
// the writer commits.
TEST(ConcurrentOpenTest, EnsureWalWaitsForAWriterInsteadOfReportingALock) {
  test::TempDir dir;
  const auto path = dir.path() / "plain.db";
  SleepWatch watch;
  sqlite::Db writer = sqlite::Db::open(path, sqlite::Db::Mode::read_write_create);
  writer.exec("CREATE TABLE notes (x TEXT)");
  ASSERT_EQ(test::text(path, "PRAGMA journal_mode"), "delete");
  sqlite::Db switcher = sqlite::Db::open(path, sqlite::Db::Mode::read_write);
  sqlite::Txn writing(writer, sqlite::Txn::Kind::immediate);
  writer.exec("INSERT INTO notes VALUES ('being written')");

  std::string error;
  const bool waited = watch.start_and_wait_for_sleep([&] {
    try {
      sqlite::ensure_wal(switcher);
    } catch (const Error& e) {
      error = e.what();
    }
  });
  writing.commit();
  watch.join();
  EXPECT_TRUE(waited) << "ensure_wal did not wait for the writer";
  EXPECT_EQ(error, "");
  EXPECT_EQ(test::text(path, "PRAGMA journal_mode"), "wal");
}

}  // namespace
}  // namespace eorun
