#include "predict/band_mapping.hpp"

#include <gtest/gtest.h>

#include "support/error_text.hpp"

namespace eorun {
namespace {

using test::error_of;

const std::vector<std::string> kDescriptions = {"B08", "B04", "B03", "B02"};

TEST(SceneBandNames, AutoReadsTheDescriptions) {
  EXPECT_EQ(scene_band_names({"auto"}, kDescriptions, "scene s.tif"), kDescriptions);
  EXPECT_EQ(scene_band_names({}, kDescriptions, "scene s.tif"), kDescriptions);
}

TEST(SceneBandNames, AListNamesTheBandsInOrder) {
  EXPECT_EQ(scene_band_names({"B02", "B03", "B04", "B08"}, {"", "", "", ""}, "scene s.tif"),
            (std::vector<std::string>{"B02", "B03", "B04", "B08"}));
}

TEST(SceneBandNames, RefusesAListOfAnotherLength) {
  EXPECT_EQ(error_of([] { scene_band_names({"B02", "B03"}, kDescriptions, "scene s.tif"); }),
            "--bands B02,B03: names 2 bands, but scene s.tif has 4; name every band of the scene, in the "
            "scene's order");
}

TEST(SceneBandNames, RefusesAnUndescribedBandUnderAuto) {
  EXPECT_NE(error_of([] { scene_band_names({"auto"}, {"B02", ""}, "scene s.tif"); })
                .find("scene s.tif: band 2 has no description"),
            std::string::npos);
}

TEST(SceneBandNames, RefusesANameGivenTwice) {
  EXPECT_NE(error_of([] { scene_band_names({"B02", "b02"}, {"", ""}, "scene s.tif"); })
                .find("names band b02 twice (bands 1 and 2)"),
            std::string::npos);
}

TEST(MapBands, FindsEachRunBandByNameCaseAside) {
  EXPECT_EQ(map_bands({"B02", "B03", "b04"}, kDescriptions, "scene s.tif", "run abc"),
            (std::vector<int>{4, 3, 2}));
}

TEST(MapBands, NamesEveryMissingBand) {
  const std::string message =
      error_of([] { map_bands({"B02", "B05", "B11"}, kDescriptions, "scene s.tif", "run abc"); });
  EXPECT_EQ(message.rfind("scene s.tif: lacks bands B05,B11 that run abc reads (B02,B05,B11); the scene has "
                          "B08,B04,B03,B02; ",
                          0),
            0u)
      << message;
}

}  // namespace
}  // namespace eorun
