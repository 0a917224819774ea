#include "band_set.hpp"

#include <functional>
#include <map>

#include <gtest/gtest.h>

#include "eorun/error.hpp"

namespace eorun::bigearthnet {
namespace {

using Names = std::vector<std::string>;

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(BandSet, CanonicalOrderIsB01ToB12WithB8AAfterB08) {
  Names names;
  for (const Band& band : canonical_bands()) names.emplace_back(band.name);
  EXPECT_EQ(names, (Names{"B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09",
                          "B11", "B12"}));
  EXPECT_EQ(canonical_band_list(), "B01,B02,B03,B04,B05,B06,B07,B08,B8A,B09,B11,B12");
}

TEST(BandSet, NativeSizesFollowTheResolution) {
  const std::map<std::string, int> sizes = {{"B01", 20}, {"B02", 120}, {"B03", 120}, {"B04", 120},
                                            {"B05", 60}, {"B06", 60},  {"B07", 60},  {"B08", 120},
                                            {"B8A", 60}, {"B09", 20},  {"B11", 60},  {"B12", 60}};
  for (const auto& [name, size] : sizes) {
    const Band* band = find_band(name);
    ASSERT_NE(band, nullptr) << name;
    EXPECT_EQ(band->native_size, size) << name;
  }
  EXPECT_EQ(find_band("B10"), nullptr);  // cirrus: Level-1C only
  EXPECT_EQ(find_band("b02"), nullptr);  // names are case-sensitive
}

TEST(BandSet, ResolutionFollowsTheNativeSize) {
  EXPECT_EQ(find_band("B02")->resolution_m(), 10);
  EXPECT_EQ(find_band("B8A")->resolution_m(), 20);
  EXPECT_EQ(find_band("B09")->resolution_m(), 60);
}

TEST(BandSet, NativeGroupsSplitTheTwelveBandsByResolution) {
  const std::vector<BandGroup> groups = native_groups(bands_from_preset("ms"));
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].name, "s2_10m");
  EXPECT_EQ(groups[0].resolution_m, 10);
  EXPECT_EQ(groups[0].size, 120);
  EXPECT_EQ(groups[0].bands, (Names{"B02", "B03", "B04", "B08"}));
  EXPECT_EQ(groups[1].name, "s2_20m");
  EXPECT_EQ(groups[1].resolution_m, 20);
  EXPECT_EQ(groups[1].size, 60);
  EXPECT_EQ(groups[1].bands, (Names{"B05", "B06", "B07", "B8A", "B11", "B12"}));
  EXPECT_EQ(groups[2].name, "s2_60m");
  EXPECT_EQ(groups[2].resolution_m, 60);
  EXPECT_EQ(groups[2].size, 20);
  EXPECT_EQ(groups[2].bands, (Names{"B01", "B09"}));
}

TEST(BandSet, NativeGroupsKeepTheUsersOrderAndLeaveOutEmptyResolutions) {
  const std::vector<BandGroup> rgb = native_groups(bands_from_preset("rgb"));
  ASSERT_EQ(rgb.size(), 1u);
  EXPECT_EQ(rgb[0].name, "s2_10m");
  EXPECT_EQ(rgb[0].bands, (Names{"B04", "B03", "B02"}));
  const std::vector<BandGroup> some = native_groups({"B09", "B08", "B01", "B04"});
  ASSERT_EQ(some.size(), 2u);
  EXPECT_EQ(some[0].name, "s2_10m");
  EXPECT_EQ(some[0].bands, (Names{"B08", "B04"}));
  EXPECT_EQ(some[1].name, "s2_60m");
  EXPECT_EQ(some[1].bands, (Names{"B09", "B01"}));
  EXPECT_NE(error_of([] { native_groups({"B02", "B10"}); }).find("unknown band 'B10'"),
            std::string::npos);
}

TEST(BandSet, RadarBandsAreVvThenVhAtTenMetres) {
  Names names;
  for (const Band& band : radar_bands()) {
    names.emplace_back(band.name);
    EXPECT_EQ(band.native_size, 120);
    EXPECT_TRUE(band.radar());
  }
  EXPECT_EQ(names, (Names{"VV", "VH"}));
  EXPECT_TRUE(is_radar("VH"));
  EXPECT_FALSE(is_radar("B02"));
  EXPECT_FALSE(is_radar("vv"));
  EXPECT_EQ(find_band("VV")->resolution_m(), 10);
  EXPECT_FALSE(find_band("B02")->radar());
}

TEST(BandSet, RadarAndOpticalPresets) {
  const Names twelve = {"B01", "B02", "B03", "B04", "B05", "B06",
                        "B07", "B08", "B8A", "B09", "B11", "B12"};
  EXPECT_EQ(bands_from_preset("s2"), twelve);
  EXPECT_EQ(bands_from_preset("s1"), (Names{"VV", "VH"}));
  Names both = twelve;
  both.insert(both.end(), {"VV", "VH"});
  EXPECT_EQ(bands_from_preset("s1s2"), both);
  EXPECT_EQ(bands_from_list({"VH", "B02", "VV"}), (Names{"VH", "B02", "VV"}));
}

TEST(BandSet, NativeGroupsPutRadarLastInItsOwnGroup) {
  const std::vector<BandGroup> groups = native_groups({"VH", "B05", "VV", "B02"});
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].name, "s2_10m");
  EXPECT_EQ(groups[1].name, "s2_20m");
  EXPECT_EQ(groups[2].name, "s1");
  EXPECT_EQ(groups[2].bands, (Names{"VH", "VV"}));
  EXPECT_EQ(groups[2].size, 120);
  EXPECT_EQ(groups[2].resolution_m, 10);
  const std::vector<BandGroup> radar = native_groups(bands_from_preset("s1"));
  ASSERT_EQ(radar.size(), 1u);
  EXPECT_EQ(radar[0].name, "s1");
}

TEST(BandSet, TheResampledGroupIsNamedAfterWhatItHolds) {
  EXPECT_EQ(resampled_group(bands_from_preset("ms")).name, "s2");
  EXPECT_EQ(resampled_group(bands_from_preset("s1")).name, "s1");
  const BandGroup both = resampled_group({"VV", "B04"});
  EXPECT_EQ(both.name, "s1s2");
  EXPECT_EQ(both.bands, (Names{"VV", "B04"}));
  EXPECT_EQ(both.size, 120);
  EXPECT_EQ(both.resolution_m, 10);
}

TEST(BandSet, ReferenceConstantsFollowTheChannelOrder) {
  const ReferenceStats all = reference_stats(bands_from_preset("ms"));
  EXPECT_EQ(all.mean, (std::vector<double>{340.76769064, 429.9430203, 614.21682446, 590.23569706,
                                           950.68368468, 1792.46290469, 2075.46795189,
                                           2218.94553375, 2266.46036911, 2246.0605464,
                                           1594.42694882, 1009.32729131}));
  EXPECT_EQ(all.std, (std::vector<double>{554.81258967, 572.41639287, 582.87945694, 675.88746967,
                                          729.89827633, 1096.01480586, 1273.45393088,
                                          1365.45589904, 1356.13789355, 1302.3292881,
                                          1079.19066363, 818.86747235}));
  const ReferenceStats some = reference_stats({"B12", "B01"});
  EXPECT_EQ(some.mean, (std::vector<double>{1009.32729131, 340.76769064}));
  EXPECT_EQ(some.std, (std::vector<double>{818.86747235, 554.81258967}));
  EXPECT_FALSE(some.source.empty());
  EXPECT_TRUE(reference_stats(bands_from_preset("s1s2")).empty());
  EXPECT_TRUE(reference_stats({"VH"}).empty());
  EXPECT_TRUE(reference_stats({"VH"}).source.empty());
}

TEST(BandSet, RgbPresetIsRedGreenBlue) {
  EXPECT_EQ(bands_from_preset("rgb"), (Names{"B04", "B03", "B02"}));
}

TEST(BandSet, MsPresetIsTheCanonicalTwelve) {
  EXPECT_EQ(bands_from_preset("ms"), (Names{"B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08",
                                            "B8A", "B09", "B11", "B12"}));
}

TEST(BandSet, UnknownPresetIsAnError) {
  std::string message = error_of([] { bands_from_preset("all"); });
  EXPECT_NE(message.find("dataset.bands"), std::string::npos) << message;
  EXPECT_NE(message.find("'all'"), std::string::npos) << message;
  EXPECT_NE(message.find("rgb"), std::string::npos) << message;
}

TEST(BandSet, ExplicitListKeepsTheUsersOrder) {
  EXPECT_EQ(bands_from_list({"B08", "B04", "B8A", "B01"}), (Names{"B08", "B04", "B8A", "B01"}));
  EXPECT_EQ(bands_from_list({"B02"}), (Names{"B02"}));
}

TEST(BandSet, UnknownBandNameListsTheValidOnes) {
  std::string message = error_of([] { bands_from_list({"B04", "B10"}); });
  EXPECT_NE(message.find("dataset.bands"), std::string::npos) << message;
  EXPECT_NE(message.find("'B10'"), std::string::npos) << message;
  EXPECT_NE(message.find("B01,B02,B03,B04,B05,B06,B07,B08,B8A,B09,B11,B12"), std::string::npos)
      << message;
  EXPECT_NE(error_of([] { bands_from_list({"B4"}); }).find("unknown band 'B4'"), std::string::npos);
}

TEST(BandSet, EmptyOrRepeatedListsAreErrors) {
  EXPECT_NE(error_of([] { bands_from_list({}); }).find("empty"), std::string::npos);
  EXPECT_NE(error_of([] {
              bands_from_list({"B02", "B03", "B02"});
            }).find("'B02' is listed twice"),
            std::string::npos);
}

}  // namespace
}  // namespace eorun::bigearthnet
