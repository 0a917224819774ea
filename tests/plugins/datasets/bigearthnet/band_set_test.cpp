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
