// Split lists: the forms of an entry (official s2 file names, s1 names, sample ids, paths), list
// errors naming file and line, and the validation split carved by scene.
#include "split_list.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "sen12ms_test_support.hpp"

namespace eorun::sen12ms {
namespace {

namespace fs = std::filesystem;
using test_support::error_of;
using test_support::write_text;

TEST(Sen12msPatchName, EveryEntryFormNamesTheSameTriplet) {
  const PatchName expected{"ROIs1158_spring", "1", "30"};
  for (const char* entry :
       {"ROIs1158_spring_s2_1_p30.tif", "ROIs1158_spring_s2_1_p30", "ROIs1158_spring_s1_1_p30.tif",
        "ROIs1158_spring/s2_1/ROIs1158_spring_s2_1_p30.tif"}) {
    const auto name = parse_patch_name(entry);
    ASSERT_TRUE(name.has_value()) << entry;
    EXPECT_EQ(*name, expected) << entry;
  }
  EXPECT_EQ(expected.id(), "ROIs1158_spring_s2_1_p30");
  EXPECT_EQ(expected.stem(Modality::lc), "ROIs1158_spring_lc_1_p30");
  EXPECT_EQ(expected.scene_key(), "ROIs1158_spring_1");
  EXPECT_EQ(expected.file("/data", Modality::s1),
            fs::path("/data/ROIs1158_spring/s1_1/ROIs1158_spring_s1_1_p30.tif"));
  EXPECT_EQ(expected.file("/data", Modality::lc),
            fs::path("/data/ROIs1158_spring/lc_1/ROIs1158_spring_lc_1_p30.tif"));
  for (const char* bad : {"ROIs1158_spring_lc_1_p30.tif", "ROIs1158_spring_s2_1_30.tif",
                          "ROI1158_spring_s2_1_p30", "ROIs1158_Spring_s2_1_p30",
                          "ROIs1158_spring_s2_x_p30", "S2A_MSIL2A_20170613T101031_61_39",
                          "Forest_12.tif", ""})
    EXPECT_FALSE(parse_patch_name(bad).has_value()) << bad;
}

class Sen12msSplitList : public ::testing::Test {
 protected:
  fs::path write(const std::string& text) {
    const fs::path path = dir_.path() / "list.txt";
    write_text(path, text);
    return path;
  }
  test::TempDir dir_;
};

TEST_F(Sen12msSplitList, ReadsNamesInFileOrderSkippingBlankLines) {
  const auto listed = read_split_list(write(
      "ROIs1970_fall_s2_7_p2.tif\r\n\n  ROIs1158_spring_s2_1_p30  \nROIs2017_winter_s1_3_p1.tif\n"));
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0].name.id(), "ROIs1970_fall_s2_7_p2");
  EXPECT_EQ(listed[1].name.id(), "ROIs1158_spring_s2_1_p30");
  EXPECT_EQ(listed[1].line, 3u);
  EXPECT_EQ(listed[2].name.id(), "ROIs2017_winter_s2_3_p1");
}

TEST_F(Sen12msSplitList, ErrorsNameTheFileAndLine) {
  const std::string missing = error_of([&] { read_split_list(dir_.path() / "nope.txt"); });
  EXPECT_NE(missing.find("split list '" + (dir_.path() / "nope.txt").string() + "': does not exist"),
            std::string::npos)
      << missing;
  const fs::path empty = write("\n  \n");
  EXPECT_NE(error_of([&] { read_split_list(empty); })
                .find("split list '" + empty.string() + "': lists no patches"),
            std::string::npos);
  const fs::path bad = write("ROIs1158_spring_s2_1_p30.tif\nForest_1.tif\n");
  const std::string bad_error = error_of([&] { read_split_list(bad); });
  EXPECT_NE(bad_error.find("line 2: 'Forest_1.tif' is not a SEN12MS patch name"),
            std::string::npos)
      << bad_error;
  const fs::path twice = write("ROIs1158_spring_s2_1_p30.tif\nROIs1158_spring_s1_1_p30.tif\n");
  const std::string twice_error = error_of([&] { read_split_list(twice); });
  EXPECT_NE(twice_error.find("line 2: patch 'ROIs1158_spring_s2_1_p30' is already listed on line 1"),
            std::string::npos)
      << twice_error;
}

// `sizes[s]` patches in scene s + 1 of ROIs1868_summer.
std::vector<ListedPatch> scenes_of(const std::vector<int>& sizes) {
  std::vector<ListedPatch> listed;
  for (std::size_t s = 0; s < sizes.size(); ++s)
    for (int p = 0; p < sizes[s]; ++p)
      listed.push_back({{"ROIs1868_summer", std::to_string(s + 1), std::to_string(p + 1)},
                        listed.size() + 1});
  return listed;
}

std::set<std::string> val_scenes(const std::vector<ListedPatch>& listed, const Carving& carving) {
  std::set<std::string> scenes;
  for (std::size_t i = 0; i < listed.size(); ++i)
    if (carving.in_val[i]) scenes.insert(listed[i].name.scene_key());
  return scenes;
}

TEST(Sen12msCarving, TakesWholeScenesUntilTheFractionIsReached) {
  const auto listed = scenes_of({5, 9, 2, 7, 4, 6, 3, 8, 1, 5});  // 50 patches
  for (double fraction : {0.05, 0.1, 0.3, 0.5, 0.9}) {
    const Carving carving = carve_validation(listed, fraction, 7);
    std::map<std::string, std::pair<int, int>> per_scene;  // scene -> (val, train)
    std::size_t val = 0;
    for (std::size_t i = 0; i < listed.size(); ++i) {
      auto& [in_val, in_train] = per_scene[listed[i].name.scene_key()];
      (carving.in_val[i] ? in_val : in_train) += 1;
      val += carving.in_val[i] ? 1 : 0;
    }
    for (const auto& [scene, counts] : per_scene)
      EXPECT_TRUE(counts.first == 0 || counts.second == 0) << scene << " is split";
    EXPECT_EQ(val, carving.val_patches);
    EXPECT_EQ(carving.scenes, 10u);
    EXPECT_EQ(val_scenes(listed, carving).size(), carving.val_scenes);
    EXPECT_LT(carving.val_scenes, 10u) << "one scene always stays for training";
    if (fraction < 0.9) {
      EXPECT_GE(static_cast<double>(val), fraction * 50) << fraction;
    }
  }
  EXPECT_EQ(carve_validation(listed, 0.0, 7).val_scenes, 0u);
}

TEST(Sen12msCarving, SeededAndIndependentOfListOrder) {
  auto listed = scenes_of({5, 9, 2, 7, 4, 6, 3, 8, 1, 5});
  const auto first = val_scenes(listed, carve_validation(listed, 0.3, 11));
  EXPECT_EQ(val_scenes(listed, carve_validation(listed, 0.3, 11)), first);
  std::reverse(listed.begin(), listed.end());
  EXPECT_EQ(val_scenes(listed, carve_validation(listed, 0.3, 11)), first);
  bool another = false;
  for (std::uint64_t seed = 0; seed < 8 && !another; ++seed)
    another = val_scenes(listed, carve_validation(listed, 0.3, seed)) != first;
  EXPECT_TRUE(another) << "the seed chooses the scenes";
}

}  // namespace
}  // namespace eorun::sen12ms
