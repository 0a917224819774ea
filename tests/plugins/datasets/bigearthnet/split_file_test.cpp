#include "split_file.hpp"

#include <gtest/gtest.h>

#include "bigearthnet_test_support.hpp"
#include "eorun/error.hpp"

namespace eorun::bigearthnet {
namespace {

using test_support::write_text;

std::string error_of(const std::filesystem::path& path) {
  try {
    read_split_file(path);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(SplitFile, ReadsTwoColumnsInFileOrder) {
  test::TempDir dir;
  write_text(dir.path() / "s.csv",
             "S2B_MSIL2A_20180204T94161_57_38,S1A_IW_GRDH_1SDV_20180204T043253_35VPK_57_38\n"
             "S2A_MSIL2A_20170613T101031_87_48,S1A_IW_GRDH_1SDV_20170613T165043_33UUP_87_48\n");
  auto entries = read_split_file(dir.path() / "s.csv");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].s2_patch, "S2B_MSIL2A_20180204T94161_57_38");
  EXPECT_EQ(entries[0].s1_patch, "S1A_IW_GRDH_1SDV_20180204T043253_35VPK_57_38");
  EXPECT_EQ(entries[1].s2_patch, "S2A_MSIL2A_20170613T101031_87_48");
}

TEST(SplitFile, AcceptsOneColumnCrLfBlankLinesAndNoFinalNewline) {
  test::TempDir dir;
  write_text(dir.path() / "s.csv", "A_1_2\r\n\r\n  B_3_4 , S1_3_4\r\nC_5_6");
  auto entries = read_split_file(dir.path() / "s.csv");
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].s2_patch, "A_1_2");
  EXPECT_EQ(entries[0].s1_patch, "");
  EXPECT_EQ(entries[1].s2_patch, "B_3_4");
  EXPECT_EQ(entries[1].s1_patch, "S1_3_4");
  EXPECT_EQ(entries[2].s2_patch, "C_5_6");
}

TEST(SplitFile, MissingFileNamesThePathAndTheRemedy) {
  test::TempDir dir;
  std::string message = error_of(dir.path() / "bigearthnet-train.csv");
  EXPECT_NE(message.find((dir.path() / "bigearthnet-train.csv").string()), std::string::npos)
      << message;
  EXPECT_NE(message.find("does not exist"), std::string::npos) << message;
  EXPECT_NE(message.find("split_train"), std::string::npos) << message;
}

TEST(SplitFile, ThreeColumnsNameTheLine) {
  test::TempDir dir;
  write_text(dir.path() / "s.csv", "A,B\nC,D,E\n");
  std::string message = error_of(dir.path() / "s.csv");
  EXPECT_NE(message.find("line 2"), std::string::npos) << message;
  EXPECT_NE(message.find("more than two columns"), std::string::npos) << message;
}

TEST(SplitFile, DuplicatePatchNamesBothLines) {
  test::TempDir dir;
  write_text(dir.path() / "s.csv", "A,B\nC,D\nA,B\n");
  std::string message = error_of(dir.path() / "s.csv");
  EXPECT_NE(message.find("line 3"), std::string::npos) << message;
  EXPECT_NE(message.find("already listed on line 1"), std::string::npos) << message;
}

TEST(SplitFile, EmptyFileIsAnError) {
  test::TempDir dir;
  write_text(dir.path() / "s.csv", "\n\n");
  EXPECT_NE(error_of(dir.path() / "s.csv").find("lists no patches"), std::string::npos);
  write_text(dir.path() / "t.csv", ",S1\n");
  EXPECT_NE(error_of(dir.path() / "t.csv").find("no S2 patch name"), std::string::npos);
}

}  // namespace
}  // namespace eorun::bigearthnet
