#include "registry/run_status.hpp"

#include <gtest/gtest.h>

namespace eorun {
namespace {

TEST(RunStatusTest, EveryStatusReadsBackFromItsWord) {
  for (RunStatus status : {RunStatus::completed, RunStatus::failed, RunStatus::interrupted})
    EXPECT_EQ(run_status_from_string(to_string(status)), status) << to_string(status);
  EXPECT_EQ(to_string(RunStatus::completed), "completed");
  EXPECT_EQ(to_string(RunStatus::failed), "failed");
  EXPECT_EQ(to_string(RunStatus::interrupted), "interrupted");
}

TEST(RunStatusTest, OtherWordsAreNoStatus) {
  for (const char* text : {"", "done", "Completed", "completed ", "fail", "running"})
    EXPECT_EQ(run_status_from_string(text), std::nullopt) << text;
}

TEST(RunStatusTest, TheChoicesListEveryStatus) {
  EXPECT_EQ(run_status_choices(), "completed, failed or interrupted");
}

}  // namespace
}  // namespace eorun
