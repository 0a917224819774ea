// Seeded stratified splits and split lists (plugins/support).
#include "support/stratified_split.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "eorun/error.hpp"
#include "support/error_text.hpp"
#include "support/split_list.hpp"
#include "support/temp_dir.hpp"

namespace eorun::support {
namespace {

using test::error_of;

std::map<std::size_t, std::array<int, 3>> counts(const std::vector<std::size_t>& strata,
                                                 const std::vector<SplitName>& splits) {
  std::map<std::size_t, std::array<int, 3>> out;
  for (std::size_t i = 0; i < strata.size(); ++i)
    ++out[strata[i]][static_cast<std::size_t>(splits[i])];
  return out;
}

TEST(StratifiedSplit, EachStratumIsSharedInTheProportionsAsked) {
  std::vector<std::size_t> strata;
  for (std::size_t k = 0; k < 4; ++k) strata.insert(strata.end(), 10 * (k + 1), k);  // 10,20,30,40
  const auto splits = stratified_split(strata, {7, 0.2, 0.1}, "test");
  const auto per_stratum = counts(strata, splits);
  for (std::size_t k = 0; k < 4; ++k) {
    const int n = 10 * static_cast<int>(k + 1);
    EXPECT_EQ(per_stratum.at(k)[2], n / 10) << k;  // test 10 %
    EXPECT_EQ(per_stratum.at(k)[1], n / 5) << k;   // val 20 %
    EXPECT_EQ(per_stratum.at(k)[0], n - n / 10 - n / 5) << k;
  }
}

TEST(StratifiedSplit, TotalsAreTheRoundedSharesEvenForTinyStrata) {
  const std::vector<std::size_t> strata = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2};  // 13 samples
  const auto splits = stratified_split(strata, {1, 0.2, 0.2}, "test");
  std::array<int, 3> total{};
  for (SplitName s : splits) ++total[static_cast<std::size_t>(s)];
  EXPECT_EQ(total, (std::array<int, 3>{7, 3, 3}));  // round(2.6) = 3 each to val and test
}

TEST(StratifiedSplit, EveryStratumKeepsATrainingSampleWhereTheTotalsAllow) {
  // Five strata of two: 2 test and 2 val samples must come from four different strata.
  const std::vector<std::size_t> strata = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4};
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const auto per_stratum = counts(strata, stratified_split(strata, {seed, 0.2, 0.2}, "test"));
    int with_val_or_test = 0;
    for (const auto& [stratum, c] : per_stratum) {
      EXPECT_EQ(c[0] + c[1] + c[2], 2);
      EXPECT_GE(c[0], 1) << "seed " << seed << " stratum " << stratum;
      with_val_or_test += c[1] + c[2] > 0;
    }
    EXPECT_EQ(with_val_or_test, 4) << seed;
  }
}

TEST(StratifiedSplit, SameSeedSameSplitOtherSeedAnotherOne) {
  std::vector<std::size_t> strata;
  for (std::size_t i = 0; i < 200; ++i) strata.push_back(i % 3);
  const auto a = stratified_split(strata, {11, 0.2, 0.2}, "test");
  EXPECT_EQ(a, stratified_split(strata, {11, 0.2, 0.2}, "test"));
  EXPECT_NE(a, stratified_split(strata, {12, 0.2, 0.2}, "test"));
  // A stratum's draw does not depend on the other strata.
  std::vector<std::size_t> ones;
  for (std::size_t i = 0; i < strata.size(); ++i)
    if (strata[i] == 1) ones.push_back(i);
  std::vector<std::size_t> alone(ones.size(), 1);
  const auto b = stratified_split(alone, {11, 0.2, 0.2}, "test");
  for (std::size_t j = 0; j < ones.size(); ++j) EXPECT_EQ(a[ones[j]], b[j]) << j;
}

TEST(StratifiedSplit, RefusesFractionsThatLeaveNoTraining) {
  EXPECT_NE(error_of([] {
              stratified_split({0, 1}, {1, 0.5, 0.5}, "subject");
            }).find("subject: a split of 2 samples"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              stratified_split({0, 1}, {1, 1.5, 0.1}, "subject");
            }).find("val_fraction"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              stratified_split({}, {1, 0.2, 0.2}, "subject");
            }).find("0 samples"),
            std::string::npos);
}

TEST(SplitList, ReadsOneNamePerLineAndRefusesEmptyListsAndRepeats) {
  test::TempDir dir;
  const auto path = dir.path() / "list.txt";
  std::ofstream(path) << "\xEF\xBB\xBF"
                      << "a.jpg\r\n\n  b \nc\n";
  const auto names = read_split_list(path, "remedy");
  ASSERT_EQ(names.size(), 3u);
  EXPECT_EQ(names[0].name, "a.jpg");
  EXPECT_EQ(names[1].name, "b");
  EXPECT_EQ(names[1].line, 3u);
  std::ofstream(path) << "a\nb\na\n";
  EXPECT_NE(error_of([&] {
              read_split_list(path, "r");
            }).find("split file '" + path.string() + "' line 3: 'a' is already listed on line 1"),
            std::string::npos);
  std::ofstream(path) << "\n";
  EXPECT_NE(error_of([&] { read_split_list(path, "r"); }).find("lists no samples"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              read_split_list(dir.path() / "none.txt", "do this");
            }).find("does not exist; do this"),
            std::string::npos);
  EXPECT_EQ(split_list_path("/data/root", "a/../b.txt"), std::filesystem::path("/data/root/b.txt"));
  EXPECT_EQ(split_list_path("/data/root", "/x/y.txt"), std::filesystem::path("/x/y.txt"));
}

}  // namespace
}  // namespace eorun::support
