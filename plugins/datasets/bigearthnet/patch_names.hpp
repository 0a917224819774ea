// What BigEarthNet patch names encode: `_`-separated tokens, the last two of which are the patch's
// row and column in its tile.
//   v1.0 S2  S2A_MSIL2A_20170613T101031_87_48
//   v2   S2  S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP_26_57
//   S1       S1A_IW_GRDH_1SDV_20170613T165043_33UUP_61_39
#pragma once

#include <string>

namespace eorun::bigearthnet {

// The Sentinel-2 product (acquisition) of an S2 patch: its name minus the last two tokens
// (row, column). In v2 this is the tile folder `S2_TILE`:
// S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP_26_57 -> S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP.
// Throws eorun::Error naming the patch when it has fewer than three tokens.
std::string s2_product_of(const std::string& s2_patch);

// The v2 tile folder `S1_TILE` of an S1 patch: its name minus the last three tokens (tile id,
// row, column): S1A_IW_GRDH_1SDV_20170613T165043_33UUP_61_39 -> S1A_IW_GRDH_1SDV_20170613T165043.
// Throws eorun::Error naming the patch when it has fewer than four tokens.
std::string s1_tile_folder_of(const std::string& s1_patch);

// The MGRS tile id ("T33UUP") of a v2 S2 patch: its third token from the end. Throws
// eorun::Error naming the patch when that token is not an MGRS tile id.
std::string mgrs_tile_of_v2_patch(const std::string& s2_patch);

// The MGRS tile id ("T33UUP") among the `_`-separated tokens of `text` (a v1 label file's
// tile_source, e.g. S2A_MSIL1C_20170613T101031_N0205_R022_T33UUP_20170613T101608.SAFE), or ""
// when there is none.
std::string find_mgrs_tile(const std::string& text);

}  // namespace eorun::bigearthnet
