// What BigEarthNet patch names encode: S2 product (v2 S2_TILE), S1_TILE, MGRS tile.
#include "patch_names.hpp"

#include <gtest/gtest.h>

#include "bigearthnet_test_support.hpp"

namespace eorun::bigearthnet {
namespace {

using test_support::error_of;

TEST(PatchNames, S2TileIsThePatchNameMinusItsLastTwoTokens) {
  EXPECT_EQ(s2_product_of("S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP_26_57"),
            "S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP");
  EXPECT_EQ(s2_product_of("S2A_MSIL2A_20170613T101031_87_48"), "S2A_MSIL2A_20170613T101031");
  EXPECT_EQ(s2_product_of("S2B_MSIL2A_20170924T93020_69_24"), "S2B_MSIL2A_20170924T93020");
}

TEST(PatchNames, S1TileIsTheS1NameMinusItsLastThreeTokens) {
  EXPECT_EQ(s1_tile_folder_of("S1A_IW_GRDH_1SDV_20170613T165043_33UUP_61_39"),
            "S1A_IW_GRDH_1SDV_20170613T165043");
  EXPECT_EQ(s1_tile_folder_of("S1B_IW_GRDH_1SDV_20180204T043253_35VPK_5_110"),
            "S1B_IW_GRDH_1SDV_20180204T043253");
}

TEST(PatchNames, MgrsTileOfAV2PatchAndOfATileSource) {
  EXPECT_EQ(mgrs_tile_of_v2_patch("S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP_26_57"), "T33UUP");
  EXPECT_EQ(find_mgrs_tile("S2A_MSIL1C_20170613T101031_N0205_R022_T33UUP_20170613T101608.SAFE"),
            "T33UUP");
  EXPECT_EQ(find_mgrs_tile("S2B_MSIL1C_20170924T93020_N0205_R136_T35VPK_20170924T093132.SAFE"),
            "T35VPK");
  EXPECT_EQ(find_mgrs_tile("no tile here"), "");
  EXPECT_CONTAINS(error_of([] { mgrs_tile_of_v2_patch("S2A_MSIL2A_20170613T101031_87_48"); }),
                  "has no MGRS tile id");
}

TEST(PatchNames, NamesWithTooFewTokensAreErrors) {
  EXPECT_CONTAINS(error_of([] { s2_product_of("S2A_1"); }),
                  "bigearthnet patch 'S2A_1': is not a BigEarthNet patch name");
  EXPECT_CONTAINS(error_of([] { s1_tile_folder_of("33UUP_1_2"); }),
                  "bigearthnet S1 patch '33UUP_1_2'");
  EXPECT_EQ(s1_tile_folder_of("S1A_33UUP_1_2"), "S1A");
  EXPECT_EQ(s1_tile_folder_of("S1A_X_33UUP_1_2"), "S1A_X");
}

}  // namespace
}  // namespace eorun::bigearthnet
