#include "util/progress.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

namespace eorun {
namespace {

TEST(Progress, PlainLinesAreThrottledAndClosed) {
  std::ostringstream out;
  {
    ProgressReporter progress("epoch 1/2 train", 10, "batch", ProgressReporter::Style::lines, out);
    progress.set_line_interval(std::chrono::milliseconds(60000));
    for (int i = 1; i <= 10; ++i) progress.update(i, "loss 0.5");
    EXPECT_EQ(out.str(), "") << "no line before the interval";
  }
  const std::string text = out.str();
  EXPECT_EQ(text.rfind("epoch 1/2 train 10/10 ", 0), 0u) << text;
  EXPECT_NE(text.find("batch/s in "), std::string::npos) << text;
  EXPECT_NE(text.find("loss 0.5"), std::string::npos) << text;
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1);
}

TEST(Progress, BarRedrawsInPlace) {
  std::ostringstream out;
  ProgressReporter progress("val", 4, "batch", ProgressReporter::Style::bar, out);
  progress.update(1);  // the first update draws at once
  progress.update(4);  // within 0.1 s of the last draw: not drawn, but remembered
  progress.finish();
  progress.finish();
  const std::string text = out.str();
  EXPECT_EQ(text.front(), '\r');
  EXPECT_NE(text.find("] val 1/4 "), std::string::npos) << text;
  EXPECT_NE(text.find("[########################] val 4/4 "), std::string::npos) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << "finish is idempotent";
}

TEST(Progress, NoneWritesNothing) {
  std::ostringstream out;
  {
    ProgressReporter progress("x", 2, "batch", ProgressReporter::Style::none, out);
    progress.update(1);
  }
  EXPECT_EQ(out.str(), "");
}

TEST(Progress, FormatsDurations) {
  EXPECT_EQ(format_duration(12.34), "12.3s");
  EXPECT_EQ(format_duration(185), "3m05s");
  EXPECT_EQ(format_duration(3720), "1h02m");
}

}  // namespace
}  // namespace eorun
