#include "exec/bundle.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "eorun/error.hpp"
#include "support/temp_dir.hpp"

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

TEST(Bundle, DamagedRecordIsAClearError) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.path() / kId);
  std::ofstream(dir.path() / kId / kRecordFile) << "{not json";
  EXPECT_THROW(read_bundle_record(dir.path() / kId), Error);
}

}  // namespace
}  // namespace eorun
