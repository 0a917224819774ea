// Run claims: leases that keep two eorun processes from running the same run, and the
// statuses of a plan's runs in one call.
#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "eorun/error.hpp"
#include "record_fixture.hpp"
#include "registry/registry.hpp"
#include "registry_test_support.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using test::run_id;

class ClaimsTest : public ::testing::Test {
 protected:
  // A claim whose owner stopped renewing it `seconds_ago` seconds ago.
  void expire(const std::string& id, double seconds_ago) {
    sqlite::Db db = sqlite::Db::open(path_, sqlite::Db::Mode::read_write);
    sqlite::Stmt stmt = db.prepare("UPDATE run_claims SET expires_at = ?1 WHERE run_id = ?2");
    stmt.bind(1, unix_now() - seconds_ago).bind(2, id).run();
  }

  test::TempDir dir_;
  std::filesystem::path path_ = dir_.path() / "eorun.db";
  Registry registry_ = Registry::open(path_);
};

TEST_F(ClaimsTest, ALiveClaimKeepsOtherOwnersOut) {
  const std::string id = run_id("aa");
  EXPECT_TRUE(registry_.try_claim(id, "host:1:a", 60));
  EXPECT_FALSE(registry_.try_claim(id, "host:2:b", 60));
  EXPECT_TRUE(registry_.try_claim(id, "host:1:a", 60));  // its owner may claim it again
  EXPECT_EQ(registry_.live_claims(), 1u);
  EXPECT_EQ(test::text(path_, "SELECT owner FROM run_claims"), "host:1:a");
}

TEST_F(ClaimsTest, AnExpiredClaimOfADeadOwnerCanBeTakenOver) {
  const std::string id = run_id("aa");
  ASSERT_TRUE(registry_.try_claim(id, "dead:1:a", 60));
  expire(id, 5);
  EXPECT_EQ(registry_.live_claims(), 0u);
  EXPECT_TRUE(registry_.try_claim(id, "alive:2:b", 60));
  EXPECT_EQ(test::text(path_, "SELECT owner FROM run_claims"), "alive:2:b");
  EXPECT_FALSE(registry_.try_claim(id, "dead:1:a", 60));  // the old owner lost it
  // The dead owner's heartbeat or release no longer touches a claim that is not its own.
  registry_.renew_claims("dead:1:a", 60);
  registry_.release_claim(id, "dead:1:a");
  EXPECT_EQ(test::text(path_, "SELECT owner FROM run_claims"), "alive:2:b");
  EXPECT_EQ(registry_.live_claims(), 1u);
}

TEST_F(ClaimsTest, RenewingPushesTheExpiryOfEveryClaimOfItsOwner) {
  ASSERT_TRUE(registry_.try_claim(run_id("aa"), "me", 60));
  ASSERT_TRUE(registry_.try_claim(run_id("bb"), "me", 60));
  ASSERT_TRUE(registry_.try_claim(run_id("cc"), "other", 60));
  expire(run_id("aa"), 1);
  expire(run_id("bb"), 1);
  EXPECT_EQ(registry_.live_claims(), 1u);
  const double before = unix_now();
  registry_.renew_claims("me", 600);
  EXPECT_EQ(registry_.live_claims(), 3u);
  EXPECT_GE(test::scalar(path_, "SELECT min(expires_at) FROM run_claims WHERE owner = 'me'"),
            static_cast<long long>(before + 600) - 1);
  EXPECT_LE(test::scalar(path_, "SELECT expires_at FROM run_claims WHERE owner = 'other'"),
            static_cast<long long>(before + 61));
}

TEST_F(ClaimsTest, ReleasingFreesTheRun) {
  const std::string id = run_id("aa");
  ASSERT_TRUE(registry_.try_claim(id, "me", 60));
  registry_.release_claim(id, "someone else");
  EXPECT_FALSE(registry_.try_claim(id, "someone else", 60));
  registry_.release_claim(id, "me");
  EXPECT_EQ(registry_.live_claims(), 0u);
  EXPECT_TRUE(registry_.try_claim(id, "someone else", 60));
}

TEST_F(ClaimsTest, ACompletedRunCannotBeClaimed) {
  registry_.ingest(test::full_record(run_id("aa")));
  registry_.ingest(test::failed_record(run_id("bb"), "diverged"));
  EXPECT_FALSE(registry_.try_claim(run_id("aa"), "me", 60));
  EXPECT_TRUE(registry_.try_claim(run_id("bb"), "me", 60));  // a failed run may be retried
  EXPECT_EQ(registry_.live_claims(), 1u);
}

TEST_F(ClaimsTest, BadArgumentsAreRefused) {
  EXPECT_THROW(registry_.try_claim(run_id("aa"), "", 60), Error);
  EXPECT_THROW(registry_.try_claim(run_id("aa"), "me", 0), Error);
  EXPECT_THROW(registry_.renew_claims("me", -1), Error);
  EXPECT_EQ(registry_.live_claims(), 0u);
}

// Two processes' worth of connections race for the same runs: every run goes to exactly one,
// and contention waits instead of failing with "database is locked".
TEST_F(ClaimsTest, TwoConnectionsRacingForTheSameRunsEachGetEveryRunExactlyOnce) {
  constexpr int kRuns = 200;
  std::vector<std::string> ids;
  for (int i = 0; i < kRuns; ++i) ids.push_back(run_id(std::to_string(100000 + i)));
  const std::vector<std::string> owners = {"host:1:first", "host:2:second"};
  std::vector<std::vector<std::string>> won(owners.size());
  std::vector<std::string> errors(owners.size());
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < owners.size(); ++t) {
    threads.emplace_back([&, t] {
      try {
        Registry mine = Registry::open(path_);  // its own connection
        ++ready;
        while (ready.load() < static_cast<int>(owners.size())) std::this_thread::yield();
        for (const std::string& id : ids)
          if (mine.try_claim(id, owners[t], 60)) won[t].push_back(id);
      } catch (const std::exception& e) {
        errors[t] = e.what();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& error : errors) EXPECT_EQ(error, "");
  std::map<std::string, int> claimed;
  for (const auto& list : won)
    for (const std::string& id : list) ++claimed[id];
  EXPECT_EQ(claimed.size(), static_cast<std::size_t>(kRuns));
  for (const auto& [id, count] : claimed) EXPECT_EQ(count, 1) << id;
  EXPECT_EQ(won[0].size() + won[1].size(), static_cast<std::size_t>(kRuns));
  EXPECT_EQ(registry_.live_claims(), static_cast<std::size_t>(kRuns));
  // The table agrees with what each connection was told.
  sqlite::Db db = sqlite::Db::open(path_, sqlite::Db::Mode::read_write);
  sqlite::Stmt count = db.prepare("SELECT count(*) FROM run_claims WHERE owner = ?1");
  for (std::size_t t = 0; t < owners.size(); ++t) {
    count.bind(1, owners[t]);
    ASSERT_TRUE(count.step());
    EXPECT_EQ(count.column_int(0), static_cast<std::int64_t>(won[t].size())) << owners[t];
    count.reset();
  }
}

TEST(RunStatusesTest, GivesTheStatusOfManyRunsAtOnceAndLeavesOutUnknownOnes) {
  test::TempDir dir;
  Registry registry = Registry::open(dir.path() / "eorun.db");
  std::vector<nlohmann::json> records;
  std::vector<std::string> ids;
  constexpr int kRuns = 1200;  // more than one batch of bound parameters
  for (int i = 0; i < kRuns; ++i) {
    const std::string id = run_id(std::to_string(100000 + i));
    ids.push_back(id);
    if (i % 3 == 2) continue;  // planned, never run
    records.push_back(i % 3 == 0 ? test::full_record(id) : test::failed_record(id, "oom"));
  }
  registry.ingest_all(records);
  const std::map<std::string, RunStatus> statuses = registry.run_statuses(ids);
  EXPECT_EQ(statuses.size(), static_cast<std::size_t>(kRuns / 3 * 2));
  for (int i = 0; i < kRuns; ++i) {
    auto it = statuses.find(ids[i]);
    if (i % 3 == 2)
      EXPECT_EQ(it, statuses.end()) << i;
    else
      EXPECT_EQ(it->second, i % 3 == 0 ? RunStatus::completed : RunStatus::failed) << i;
  }
  EXPECT_TRUE(registry.run_statuses({}).empty());
  EXPECT_EQ(registry.run_statuses({ids[0], ids[0]}).size(), 1u);
}

}  // namespace
}  // namespace eorun
