// The v2 metadata table as CSV: RFC 4180 quoting of label lists with commas, split names,
// byte-exact 19-class names.
#include "metadata_table.hpp"

#include <gtest/gtest.h>

#include "bigearthnet_test_support.hpp"
#include "label_map.hpp"

namespace eorun::bigearthnet {
namespace {

using test_support::error_of;
using test_support::write_text;

class Metadata : public ::testing::Test {
 protected:
  MetadataTable read(const std::string& text) {
    write_text(path(), text);
    return read_metadata(path());
  }
  std::filesystem::path path() const { return dir_.path() / "metadata.csv"; }
  test::TempDir dir_;
};

TEST_F(Metadata, QuotedLabelListsWithCommasAndExtraColumns) {
  const MetadataTable table = read(
      "patch_id,labels,split,country,s1_name\r\n"
      "S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP_26_57,\"Broad-leaved forest;Transitional "
      "woodland, shrub\",train,Austria,S1A_IW_GRDH_1SDV_20170613T165043_33UUP_26_57\r\n"
      "S2B_MSIL2A_20180204T94161_N9999_R036_T35VPK_57_38,Inland waters,validation,Finland,"
      "S1A_IW_GRDH_1SDV_20180204T043253_35VPK_57_38\r\n"
      "S2B_MSIL2A_20180204T94161_N9999_R036_T35VPK_57_39,\"Moors, heathland and sclerophyllous "
      "vegetation;Arable land;Urban fabric\",test,Finland,S1A_IW_GRDH_1SDV_20180204T043253_35VPK_57_39\r\n");
  ASSERT_EQ(table.rows.size(), 3u);
  const MetadataRow& first = table.rows[0];
  EXPECT_EQ(first.patch_id, "S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP_26_57");
  EXPECT_EQ(first.s1_name, "S1A_IW_GRDH_1SDV_20170613T165043_33UUP_26_57");
  EXPECT_EQ(first.split, "train");
  EXPECT_EQ(first.labels19, (std::vector<int>{8, 13}));  // Broad-leaved forest, Transitional ...
  EXPECT_EQ(table.rows[1].split, "validation");
  EXPECT_EQ(table.rows[1].labels19, (std::vector<int>{17}));
  EXPECT_EQ(table.rows[2].labels19, (std::vector<int>{0, 2, 12})) << "sorted class indices";
  EXPECT_EQ(table.rows[2].line, 4u);
  ASSERT_NE(table.find(table.rows[1].patch_id), nullptr);
  EXPECT_EQ(table.find(table.rows[1].patch_id)->s1_name, table.rows[1].s1_name);
  EXPECT_EQ(table.find("S2A_nothing_1_2"), nullptr);
}

TEST_F(Metadata, EveryNineteenClassNameIsAccepted) {
  std::string labels;
  for (std::string_view name : clc19_names()) labels += (labels.empty() ? "" : ";") + std::string(name);
  const MetadataTable table = read("patch_id,s1_name,split,labels\nP_T33UUP_1_2,S,test,\"" + labels + "\"\n");
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0].labels19.size(), 19u);
}

TEST_F(Metadata, SplitNamesOfEorunAndReben) {
  EXPECT_EQ(metadata_split_name("train"), "train");
  EXPECT_EQ(metadata_split_name("val"), "validation");
  EXPECT_EQ(metadata_split_name("test"), "test");
}

TEST_F(Metadata, NamesAreMatchedByteExactly) {
  for (const char* bad : {"pastures", "Pastures ", "Transitional woodland/shrub",
                          "Pastures; Arable land"}) {
    const std::string message = error_of(
        [&] { read(std::string("patch_id,s1_name,split,labels\nP_1_2,S,train,\"") + bad + "\"\n"); });
    EXPECT_CONTAINS(message, "metadata '" + path().string() + "' line 2");
    EXPECT_CONTAINS(message, "not one of the 19 BigEarthNet classes");
  }
}

TEST_F(Metadata, AnUnquotedCommaIsAFieldCountError) {
  const std::string message = error_of([&] {
    read("patch_id,s1_name,split,labels\nP_1_2,S,train,Transitional woodland, shrub\n");
  });
  EXPECT_CONTAINS(message, path().string());
  EXPECT_CONTAINS(message, "line 2");
  EXPECT_CONTAINS(message, "has 5 fields, expected 4");
}

TEST_F(Metadata, APatchListedTwice) {
  const std::string message = error_of([&] {
    read("patch_id,s1_name,split,labels\nP_1_2,S,train,Pastures\nP_1_2,S,test,Pastures\n");
  });
  EXPECT_CONTAINS(message, "line 3: patch 'P_1_2' is already listed on line 2");
}

}  // namespace
}  // namespace eorun::bigearthnet
