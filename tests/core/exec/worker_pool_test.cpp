// The worker pool against real child processes: small shell programs that speak the channel's
// protocol (a JSON line in, a JSON line out, on the descriptor named by --channel-fd).
#include <gtest/gtest.h>

#include <csignal>
#include <set>

#include "exec/worker_pool.hpp"

namespace eorun {
namespace {

// `sh -c SCRIPT sh --channel-fd 3`: the script reads its channel number from $2.
WorkerPool shell_pool(const std::string& script, std::size_t size) {
  return WorkerPool("/bin/sh", {"-c", script, "sh"}, size);
}

// Answers every request with a completed status and its own pid, until the channel closes.
const char* kAnswering =
    "while read -r line <&$2; do echo \"{\\\"status\\\":\\\"completed\\\",\\\"pid\\\":$$}\" >&$2; done";

TEST(WorkerPool, AWorkerTrainsOneRunAfterAnother) {
  WorkerPool pool = shell_pool(kAnswering, 1);
  const pid_t first = pool.submit("run-a", {{"k", 1}});
  EXPECT_TRUE(pool.full());
  WorkerPool::Finished a = pool.wait_one();
  EXPECT_EQ(a.run_id, "run-a");
  ASSERT_TRUE(a.reply.is_object()) << a.lost_reason;
  EXPECT_EQ(a.reply.at("pid").get<pid_t>(), first);
  EXPECT_EQ(pool.busy(), 0u);

  const pid_t second = pool.submit("run-b", {{"k", 2}});
  EXPECT_EQ(second, first) << "the idle worker is reused, not replaced";
  EXPECT_EQ(pool.wait_one().run_id, "run-b");
  EXPECT_EQ(pool.pids().size(), 1u);
}

TEST(WorkerPool, RunsAtOnceUpToItsSizeEachInItsOwnWorker) {
  WorkerPool pool = shell_pool(kAnswering, 2);
  std::set<pid_t> pids = {pool.submit("run-a", {}), pool.submit("run-b", {})};
  EXPECT_EQ(pids.size(), 2u);
  EXPECT_TRUE(pool.full());
  std::set<std::string> finished = {pool.wait_one().run_id, pool.wait_one().run_id};
  EXPECT_EQ(finished, (std::set<std::string>{"run-a", "run-b"}));
}

TEST(WorkerPool, AKilledWorkerIsReportedWithItsSignalAndReplaced) {
  WorkerPool pool = shell_pool(kAnswering, 1);
  // This worker dies as soon as it reads its run.
  WorkerPool dying = shell_pool("read -r line <&$2; kill -9 $$", 1);
  dying.submit("run-a", {});
  WorkerPool::Finished lost = dying.wait_one();
  EXPECT_EQ(lost.run_id, "run-a");
  EXPECT_TRUE(lost.reply.is_null());
  EXPECT_NE(lost.lost_reason.find("killed by signal 9"), std::string::npos) << lost.lost_reason;
  EXPECT_TRUE(dying.pids().empty()) << "a dead worker leaves the pool";

  const pid_t worker = pool.submit("run-b", {});
  ::kill(worker, SIGKILL);
  EXPECT_NE(pool.wait_one().lost_reason.find("killed by signal 9"), std::string::npos);
  const pid_t replacement = pool.submit("run-c", {});
  EXPECT_NE(replacement, worker);
  EXPECT_TRUE(pool.wait_one().reply.is_object());
}

TEST(WorkerPool, AWorkerThatExitsWithoutAnsweringIsReportedWithItsCode) {
  WorkerPool pool = shell_pool("read -r line <&$2; exit 2", 1);
  pool.submit("run-a", {});
  WorkerPool::Finished lost = pool.wait_one();
  EXPECT_NE(lost.lost_reason.find("exited with code 2"), std::string::npos) << lost.lost_reason;
}

TEST(WorkerPool, AnAnswerSplitAcrossWritesIsReadWhole) {
  WorkerPool pool = shell_pool(
      "read -r line <&$2; printf '{\"status\":' >&$2; sleep 0.2; printf '\"completed\"}\\n' >&$2; read -r line <&$2",
      1);
  pool.submit("run-a", {});
  WorkerPool::Finished finished = pool.wait_one();
  ASSERT_TRUE(finished.reply.is_object()) << finished.lost_reason;
  EXPECT_EQ(finished.reply.at("status"), "completed");
}

}  // namespace
}  // namespace eorun
