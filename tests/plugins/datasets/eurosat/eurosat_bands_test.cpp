// Band names and where each band sits inside the files of the two layouts (DOMAIN.md, EuroSAT).
#include "eurosat_bands.hpp"

#include <gtest/gtest.h>

#include "eurosat_test_support.hpp"

namespace eorun::eurosat {
namespace {

using test_support::error_of;

TEST(EuroSatBands, TheMsFileHoldsB8ALastAfterB12) {
  const std::vector<std::pair<const char*, int>> expected = {
      {"B01", 1}, {"B02", 2}, {"B03", 3},  {"B04", 4},  {"B05", 5},  {"B06", 6}, {"B07", 7},
      {"B08", 8}, {"B09", 9}, {"B10", 10}, {"B11", 11}, {"B12", 12}, {"B8A", 13}};
  for (const auto& [name, band] : expected) EXPECT_EQ(file_band(Format::ms, name), band) << name;
  EXPECT_EQ(file_bands(Format::ms).back(), "B8A");
}

TEST(EuroSatBands, CanonicalOrderPutsB8AAfterB08) {
  EXPECT_EQ(canonical_bands(),
            (std::vector<std::string>{"B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A",
                                      "B09", "B10", "B11", "B12"}));
  EXPECT_EQ(select_bands("ms", Format::ms), canonical_bands());
  EXPECT_EQ(select_bands("all", Format::ms), canonical_bands());
}

TEST(EuroSatBands, TheRgbJpegIsRedGreenBlue) {
  EXPECT_EQ(file_band(Format::rgb, "B04"), 1);
  EXPECT_EQ(file_band(Format::rgb, "B03"), 2);
  EXPECT_EQ(file_band(Format::rgb, "B02"), 3);
  EXPECT_EQ(file_band(Format::rgb, "B08"), 0);
}

TEST(EuroSatBands, RgbPresetIsTheSameNamesFromEitherLayout) {
  const std::vector<std::string> rgb = {"B04", "B03", "B02"};
  EXPECT_EQ(select_bands("rgb", Format::ms), rgb);
  EXPECT_EQ(select_bands("rgb", Format::rgb), rgb);
  EXPECT_EQ(select_bands("all", Format::rgb), rgb);
  EXPECT_EQ(select_bands(std::vector<std::string>{"B02", "B04"}, Format::rgb),
            (std::vector<std::string>{"B02", "B04"}));
}

TEST(EuroSatBands, RefusesBandsTheLayoutDoesNotHold) {
  const std::string from_rgb = error_of([] { select_bands("ms", Format::rgb); });
  EXPECT_CONTAINS(from_rgb, "dataset.bands: band 'B01' is not in the RGB layout");
  EXPECT_CONTAINS(from_rgb, "format = \"ms\"");
  EXPECT_CONTAINS(error_of([] {
                    select_bands(std::vector<std::string>{"B04", "B8A"}, Format::rgb);
                  }),
                  "band 'B8A' is not in the RGB layout");
  EXPECT_CONTAINS(error_of([] { select_bands(std::vector<std::string>{"B13"}, Format::ms); }),
                  "unknown band 'B13'");
  EXPECT_CONTAINS(error_of([] {
                    select_bands(std::vector<std::string>{"B02", "B02"}, Format::ms);
                  }),
                  "band 'B02' is listed twice");
  EXPECT_CONTAINS(error_of([] { select_bands(std::vector<std::string>{}, Format::ms); }),
                  "the band list is empty");
  EXPECT_CONTAINS(error_of([] { select_bands("nir", Format::ms); }), "unknown preset 'nir'");
  EXPECT_CONTAINS(error_of([] { format_from_text("tif"); }),
                  "dataset.format: unknown layout 'tif'");
}

}  // namespace
}  // namespace eorun::eurosat
