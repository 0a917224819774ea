// Bands: the s2 file's band order (B8A 9th), the presets, group names and the reference constants.
#include "band_set.hpp"

#include <gtest/gtest.h>

#include "sen12ms_test_support.hpp"

namespace eorun::sen12ms {
namespace {

using test_support::error_of;
using Names = std::vector<std::string>;

TEST(Sen12msBands, S2FileOrderHasB8ANinthThenS1VvVh) {
  const Names expected = {"B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08",
                          "B8A", "B09", "B10", "B11", "B12", "VV",  "VH"};
  ASSERT_EQ(all_bands().size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Band& band = all_bands()[i];
    EXPECT_EQ(band.name, expected[i]);
    EXPECT_EQ(band.modality, i < 13 ? Modality::s2 : Modality::s1) << expected[i];
    EXPECT_EQ(band.index, static_cast<int>(i < 13 ? i + 1 : i - 12)) << expected[i];
  }
  EXPECT_EQ(find_band("B8A")->index, 9);
  EXPECT_EQ(find_band("B09")->index, 10);
  EXPECT_EQ(find_band("B12")->index, 13);
  EXPECT_EQ(find_band("VH")->index, 2);
  EXPECT_EQ(find_band("B13"), nullptr);
}

TEST(Sen12msBands, PresetsAndTheirGroups) {
  const Names s2 = {"B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B11", "B12"};
  EXPECT_EQ(bands_from_preset("s2").bands, s2);
  EXPECT_EQ(bands_from_preset("s2").group, "s2");
  EXPECT_EQ(bands_from_preset("s1").bands, (Names{"VV", "VH"}));
  EXPECT_EQ(bands_from_preset("s1").group, "s1");
  Names s1s2 = s2;
  s1s2.insert(s1s2.end(), {"VV", "VH"});
  EXPECT_EQ(bands_from_preset("s1s2").bands, s1s2) << "s1 appended after s2";
  EXPECT_EQ(bands_from_preset("s1s2").group, "s1s2");
  EXPECT_EQ(bands_from_preset("rgb").bands, (Names{"B04", "B03", "B02"}));
  EXPECT_EQ(bands_from_preset("rgb_reference").bands, (Names{"B02", "B03", "B04"}));
  EXPECT_EQ(bands_from_preset("s2_all").bands,
            (Names{"B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B10",
                   "B11", "B12"}));
  EXPECT_EQ(bands_from_list({"VH", "B8A"}).group, "s1s2");
  EXPECT_EQ(bands_from_list({"VH"}).group, "s1");
  EXPECT_EQ(bands_from_list({"B10"}).group, "s2");
}

TEST(Sen12msBands, BadSelectionsNameTheKey) {
  EXPECT_NE(error_of([] { bands_from_preset("ms"); }).find("dataset.bands: unknown preset 'ms'"),
            std::string::npos);
  EXPECT_NE(error_of([] { bands_from_list({}); }).find("dataset.bands: the band list is empty"),
            std::string::npos);
  const std::string unknown = error_of([] { bands_from_list({"B04", "HH"}); });
  EXPECT_NE(unknown.find("unknown band 'HH'"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("B01,B02,B03,B04,B05,B06,B07,B08,B8A,B09,B10,B11,B12,VV,VH"),
            std::string::npos)
      << unknown;
  EXPECT_NE(error_of([] { bands_from_list({"VV", "VV"}); }).find("'VV' is listed twice"),
            std::string::npos);
}

TEST(Sen12msBands, ReferenceConstantsFollowTheChannelOrderByName) {
  const ReferenceStats s1s2 = reference_stats(bands_from_preset("s1s2").bands);
  EXPECT_EQ(s1s2.mean, (std::vector<double>{1226.4215, 1137.3799, 1139.6792, 1350.9973, 1932.9058,
                                            2211.1584, 2154.9846, 2409.1128, 2001.8622, 1356.0801,
                                            -11.76858, -18.294598}));
  EXPECT_EQ(s1s2.std, (std::vector<double>{741.6254, 740.883, 960.1045, 946.76056, 985.52747,
                                           1082.4341, 1057.7628, 1136.1942, 1132.7898, 991.48016,
                                           4.525339, 4.3586307}));
  EXPECT_EQ(s1s2.source, "SEN12MS reference training script");

  const ReferenceStats rgb = reference_stats(bands_from_preset("rgb").bands);
  EXPECT_EQ(rgb.mean, (std::vector<double>{1139.6792, 1137.3799, 1226.4215})) << "B04,B03,B02";
  EXPECT_EQ(rgb.std, (std::vector<double>{960.1045, 740.883, 741.6254}));
  const ReferenceStats mixed = reference_stats({"VH", "B8A"});
  EXPECT_EQ(mixed.mean, (std::vector<double>{-18.294598, 2409.1128}));
  EXPECT_EQ(mixed.std, (std::vector<double>{4.3586307, 1136.1942}));

  for (const char* unpublished : {"B01", "B09", "B10"}) {
    EXPECT_TRUE(reference_stats({"B02", unpublished}).empty()) << unpublished;
  }
  EXPECT_TRUE(reference_stats(bands_from_preset("s2_all").bands).empty());
}

}  // namespace
}  // namespace eorun::sen12ms
