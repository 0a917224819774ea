#include "exec/bundle.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "eorun/error.hpp"
#include "support/temp_dir.hpp"
#include "util/local_process.hpp"

namespace eorun {
namespace {

const std::string kId = "ab12cd34ef56";

TEST(Bundle, AppearsOnlyWhenCommitted) {
  test::TempDir dir;
  const auto runs = dir.path() / "runs";
  {
    BundleStaging staging(runs, kId);
    staging.write_file(kRecordFile, R"({"run_id": "ab12cd34ef56"})");
    EXPECT_FALSE(std::filesystem::exists(runs / kId)) << "nothing is visible before commit";
    EXPECT_TRUE(std::filesystem::exists(staging.dir() / kRecordFile));
  }
  EXPECT_FALSE(std::filesystem::exists(runs / kId));
  std::size_t leftovers = 0;
  for (const auto& entry : std::filesystem::directory_iterator(runs)) {
    (void)entry;
    ++leftovers;
  }
  EXPECT_EQ(leftovers, 0u) << "an abandoned staging folder is removed";
}

TEST(Bundle, CommitMovesIntoPlaceAndAnnouncesUntilIngested) {
  test::TempDir dir;
  const auto runs = dir.path() / "runs";
  BundleStaging staging(runs, kId);
  staging.write_file(kRecordFile, R"({"run_id": "ab12cd34ef56", "status": "completed"})");
  const auto final_dir = staging.commit();
  EXPECT_EQ(final_dir, runs / kId);
  EXPECT_EQ(read_bundle_record(final_dir).at("status"), "completed");
  ASSERT_EQ(find_uningested_bundles(runs), std::vector<std::filesystem::path>{final_dir});
  mark_ingested(final_dir);
  EXPECT_TRUE(find_uningested_bundles(runs).empty());
}

TEST(Bundle, ARetryReplacesTheEarlierAttempt) {
  test::TempDir dir;
  const auto runs = dir.path() / "runs";
  {
    BundleStaging first(runs, kId);
    first.write_file(kRecordFile, R"({"status": "failed"})");
    first.write_file("best.pt", "old");
    first.commit();
  }
  BundleStaging second(runs, kId);
  second.write_file(kRecordFile, R"({"status": "completed"})");
  second.commit();
  EXPECT_EQ(read_bundle_record(runs / kId).at("status"), "completed");
  EXPECT_FALSE(std::filesystem::exists(runs / kId / "best.pt")) << "no file of the old attempt remains";
}

TEST(Bundle, StaleAnnouncementWithoutBundleIsDropped) {
  test::TempDir dir;
  const auto runs = dir.path() / "runs";
  std::filesystem::create_directories(runs / kPendingFolder);
  std::ofstream(runs / kPendingFolder / kId) << "";
  EXPECT_TRUE(find_uningested_bundles(runs).empty());
  EXPECT_FALSE(std::filesystem::exists(runs / kPendingFolder / kId));
}

TEST(Bundle, StagingOfAProcessThatDiedIsRemovedOthersAreKept) {
  test::TempDir dir;
  const auto runs = dir.path() / "runs";
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ASSERT_GT(child, 0);
  ::waitpid(child, nullptr, 0);  // a pid that no process has now
  const std::string host = host_name();
  const auto dead = runs / (kStagingPrefix + kId + "-" + host + "-" + std::to_string(child));
  const auto alive = runs / (kStagingPrefix + kId + "-" + host + "-" + std::to_string(::getpid()));
  const auto elsewhere = runs / (kStagingPrefix + kId + "-other-host-" + std::to_string(child));
  for (const auto& folder : {dead, alive, elsewhere}) {
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "best.pt") << "partial";
  }
  EXPECT_EQ(remove_abandoned_staging(runs), 1u);
  EXPECT_FALSE(std::filesystem::exists(dead));
  EXPECT_TRUE(std::filesystem::exists(alive)) << "a run still being written is left alone";
  EXPECT_TRUE(std::filesystem::exists(elsewhere)) << "another machine's process cannot be checked";
}

TEST(Bundle, DamagedRecordIsAClearError) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.path() / kId);
  std::ofstream(dir.path() / kId / kRecordFile) << "{not json";
  EXPECT_THROW(read_bundle_record(dir.path() / kId), Error);
}

}  // namespace
}  // namespace eorun
