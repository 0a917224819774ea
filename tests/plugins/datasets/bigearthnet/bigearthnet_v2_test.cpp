// BigEarthNet v2 (reBEN) on a synthetic v2 copy: the tile tree, labels and splits from the
// metadata CSV, S1 through s1_name, groups, split lists, and a root of the other layout.
#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <set>

#include "bigearthnet_dataset.hpp"
#include "bigearthnet_test_support.hpp"
#include "label_map.hpp"
#include "support/csv_file.hpp"

namespace eorun::bigearthnet {
namespace {

namespace fs = std::filesystem;
using test_support::absolute_name;
using test_support::error_of;
using test_support::file_pixels;
using test_support::make_options;
using test_support::make_v2_options;
using test_support::rgb;
using test_support::s1s2;
using test_support::SynthRoot;
using test_support::write_text;

constexpr const char* kTile = "S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP";

// Rows of the synthetic metadata table: patch_id, s1_name, split, labels.
std::vector<std::vector<std::string>> metadata_rows(const fs::path& root) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& row :
       support::read_csv(root / "metadata.csv", true, "metadata", "").rows)
    rows.push_back(row.fields);
  return rows;
}

class SynthV2 : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { root_ = new SynthRoot(16, 7, /*s1=*/true, /*version=*/2); }
  static void TearDownTestSuite() {
    delete root_;
    root_ = nullptr;
  }
  static SynthRoot* root_;
};
SynthRoot* SynthV2::root_ = nullptr;

TEST_F(SynthV2, SplitsComeFromTheMetadataWithValidationAsVal) {
  const auto rows = metadata_rows(root_->path());
  std::map<std::string, std::vector<std::string>> expected;  // metadata split -> patches in order
  for (const auto& row : rows) expected[row[2]].push_back(row[0]);
  EXPECT_EQ(expected.size(), 3u);
  for (const auto& [split, name] :
       std::vector<std::pair<std::string, std::string>>{{"train", "train"}, {"val", "validation"},
                                                        {"test", "test"}}) {
    BigEarthNetDataset dataset(make_v2_options(root_->path(), split, rgb()));
    std::vector<std::string> patches;
    for (std::size_t i = 0; i < dataset.size(); ++i) patches.push_back(dataset.sample_id(i));
    EXPECT_EQ(patches, expected[name]) << split;
  }
}

TEST_F(SynthV2, TargetsAreTheMetadataLabelsIn19Classes) {
  std::map<std::string, std::string> labels;
  for (const auto& row : metadata_rows(root_->path())) labels[row[0]] = row[3];
  BigEarthNetDataset dataset(make_v2_options(root_->path(), "train", rgb()));
  EXPECT_EQ(dataset.info().class_names, class_names(19));
  for (std::size_t i = 0; i < dataset.size(); ++i) {
    std::string joined;
    for (int k : dataset.target_indices(i))
      joined += (joined.empty() ? "" : ";") + std::string(clc19_names()[static_cast<std::size_t>(k)]);
    EXPECT_EQ(joined, labels[dataset.patch_name(i)]);
    EXPECT_EQ(dataset.target(i).sum().item<float>(),
              static_cast<float>(dataset.target_indices(i).size()));
  }
}

TEST_F(SynthV2, PatchesAreReadFromTheTileTrees) {
  BigEarthNetDataset dataset(make_v2_options(root_->path(), "train", {"B08", "VV", "VH"}));
  ASSERT_GT(dataset.size(), 0u);
  const std::string patch = dataset.patch_name(0);
  const std::string s1 = dataset.s1_patch_name(0);
  // S2_TILE = patch minus its last two tokens; S1_TILE = S1 name minus its last three.
  const fs::path s2_folder = root_->path() / "BigEarthNet-S2" / kTile / patch;
  const fs::path s1_folder =
      root_->path() / "BigEarthNet-S1" / "S1A_IW_GRDH_1SDV_20170613T165043" / s1;
  EXPECT_EQ(patch.rfind(std::string(kTile) + "_", 0), 0u) << patch;
  const Sample sample = dataset.get(0);
  EXPECT_EQ(dataset.info().inputs[0].name, "s1s2");
  EXPECT_TRUE(at::equal(sample.inputs[0][0], file_pixels(s2_folder / (patch + "_B08.tif"))));
  EXPECT_TRUE(at::equal(sample.inputs[0][1], file_pixels(s1_folder / (s1 + "_VV.tif"))));
  EXPECT_TRUE(at::equal(sample.inputs[0][2], file_pixels(s1_folder / (s1 + "_VH.tif"))));
  const std::vector<std::string> manifest = dataset.manifest();
  ASSERT_EQ(manifest.size(), 1 + dataset.size() * 3);
  EXPECT_EQ(manifest[0], absolute_name(root_->path() / "metadata.csv"));
  EXPECT_EQ(manifest[1], absolute_name(s2_folder / (patch + "_B08.tif")));
  EXPECT_EQ(manifest[2], absolute_name(s1_folder / (s1 + "_VV.tif")));
  EXPECT_EQ(manifest[3], absolute_name(s1_folder / (s1 + "_VH.tif")));
}

TEST_F(SynthV2, S1NamesComeFromTheMetadata) {
  std::map<std::string, std::string> s1_of;
  for (const auto& row : metadata_rows(root_->path())) s1_of[row[0]] = row[1];
  BigEarthNetDataset radar(make_v2_options(root_->path(), "test", s1s2()));
  for (std::size_t i = 0; i < radar.size(); ++i)
    EXPECT_EQ(radar.s1_patch_name(i), s1_of[radar.patch_name(i)]);
  BigEarthNetDataset optical(make_v2_options(root_->path(), "test", rgb()));
  EXPECT_EQ(optical.s1_patch_name(0), "") << "no S1 without radar bands";
}

TEST_F(SynthV2, GroupsAreTheTileFolderAndTheMgrsTile) {
  BigEarthNetDataset dataset(make_v2_options(root_->path(), "train", rgb()));
  EXPECT_EQ(dataset.group(0, "scene"), kTile);
  EXPECT_EQ(dataset.group(0, "tile"), "T33UUP");
}

TEST_F(SynthV2, AnEorunSplitListSelectsPatchesOfTheMetadata) {
  BigEarthNetDataset train(make_v2_options(root_->path(), "train", rgb()));
  write_text(root_->path() / "two.txt", train.patch_name(2) + "\n" + train.patch_name(0) + "\n");
  BigEarthNetOptions options = make_v2_options(root_->path(), "val", rgb());
  options.split_file = "two.txt";
  BigEarthNetDataset listed(options);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed.patch_name(0), train.patch_name(2));
  EXPECT_EQ(listed.target_indices(1), train.target_indices(0));
  const std::vector<std::string> manifest = listed.manifest();
  EXPECT_EQ(manifest[0], absolute_name(root_->path() / "metadata.csv"));
  EXPECT_EQ(manifest[1], absolute_name(root_->path() / "two.txt"));
}

TEST_F(SynthV2, NeedsTheNineteenClasses) {
  BigEarthNetOptions options = make_v2_options(root_->path(), "train", rgb());
  options.num_classes = 43;
  const std::string message = error_of([&] { BigEarthNetDataset{options}; });
  EXPECT_CONTAINS(message, "dataset.classes: BigEarthNet v2 labels are names of the 19-class");
  EXPECT_CONTAINS(message, "set classes = 19 with version = 2");
}

TEST_F(SynthV2, ReadAsVersion1ItSaysWhatItFound) {
  const std::string message =
      error_of([&] { BigEarthNetDataset(make_options(root_->path(), "train", rgb())); });
  EXPECT_CONTAINS(message, "dataset.root: '" + root_->path().string() +
                               "' is not a BigEarthNet v1.0 root");
  EXPECT_CONTAINS(message, "found a BigEarthNet v2 (reBEN) tree (BigEarthNet-S2/)");
  EXPECT_CONTAINS(message, "set dataset.version = 2");
}

TEST(BigEarthNetV2Errors, AV1RootReadAsVersion2SaysWhatItFound) {
  SynthRoot root(3);
  const std::string message =
      error_of([&] { BigEarthNetDataset(make_v2_options(root.path(), "train", rgb())); });
  EXPECT_CONTAINS(message, "is not a BigEarthNet v2 (reBEN) root");
  EXPECT_CONTAINS(message, "folder '" + (root.path() / "BigEarthNet-S2").string() +
                               "' does not exist");
  EXPECT_CONTAINS(message, "found a BigEarthNet v1.0 tree (BigEarthNet-v1.0/)");
  EXPECT_CONTAINS(message, "set dataset.version = 1");
}

TEST(BigEarthNetV2Errors, AnS2FolderGivenAsRootIsRecognised) {
  SynthRoot root(3);
  const std::string message = error_of(
      [&] { BigEarthNetDataset(make_options(root.path() / "BigEarthNet-v1.0", "train", rgb())); });
  EXPECT_CONTAINS(message, "found S2 patch folders directly in it");
}

TEST(BigEarthNetV2Errors, AV1PatchTreeUnderTheV2FolderNameIsRecognised) {
  SynthRoot root(3);
  fs::rename(root.path() / "BigEarthNet-v1.0", root.path() / "BigEarthNet-S2");
  const std::string patch = root.first_patch("train");
  write_text(root.path() / "metadata.csv",
             "patch_id,s1_name,split,labels\n" + patch + ",,train,Pastures\n");
  const std::string message =
      error_of([&] { BigEarthNetDataset(make_v2_options(root.path(), "train", rgb())); });
  EXPECT_CONTAINS(message, "bigearthnet patch '" + patch + "'");
  EXPECT_CONTAINS(message, "without a tile folder, as BigEarthNet v1.0 stores it");
  EXPECT_CONTAINS(message, "set dataset.version = 1");
}

TEST(BigEarthNetV2Errors, AV2PatchTreeUnderTheV1FolderNameIsRecognised) {
  SynthRoot root(3, 1, false, 2);
  fs::rename(root.path() / "BigEarthNet-S2", root.path() / "BigEarthNet-v1.0");
  const std::string patch = metadata_rows(root.path())[0][0];
  write_text(root.path() / "list.txt", patch + "\n");
  BigEarthNetOptions options = make_options(root.path(), "train", rgb());
  options.split_file = "list.txt";
  const std::string message = error_of([&] { BigEarthNetDataset{options}; });
  EXPECT_CONTAINS(message, "bigearthnet patch '" + patch + "'");
  EXPECT_CONTAINS(message, "inside a tile folder as BigEarthNet v2 stores it");
  EXPECT_CONTAINS(message, "set dataset.version = 2");
}

class V2Errors : public ::testing::Test {
 protected:
  void write_metadata(const std::string& rows) {
    write_text(root_.path() / "metadata.csv", "patch_id,s1_name,split,labels\n" + rows);
  }
  std::string open_error(const std::string& split = "train", std::vector<std::string> bands = rgb(),
                         const std::string& split_file = "") {
    BigEarthNetOptions options = make_v2_options(root_.path(), split, std::move(bands));
    options.split_file = split_file;
    return error_of([&] { BigEarthNetDataset{options}; });
  }
  std::string metadata_path() const { return absolute_name(root_.path() / "metadata.csv"); }

  SynthRoot root_{4, 3, /*s1=*/false, /*version=*/2};
  std::vector<std::vector<std::string>> rows_ = metadata_rows(root_.path());
};

TEST_F(V2Errors, MissingMetadataShowsTheParquetConversion) {
  fs::remove(root_.path() / "metadata.csv");
  const std::string message = open_error();
  EXPECT_CONTAINS(message, "metadata '" + metadata_path() + "': does not exist");
  EXPECT_CONTAINS(message, "read_parquet('metadata.parquet')");
  EXPECT_CONTAINS(message, "dataset.metadata");
}

TEST_F(V2Errors, ALabelNotInTheNineteenNamesTheFileLineAndLabel) {
  write_metadata(rows_[0][0] + ",x,train,\"Pastures;Transitional woodland/shrub\"\n");
  const std::string message = open_error();
  EXPECT_CONTAINS(message, "metadata '" + metadata_path() + "' line 2");
  EXPECT_CONTAINS(message, "label 'Transitional woodland/shrub'");
  EXPECT_CONTAINS(message, "not one of the 19 BigEarthNet classes");
}

TEST_F(V2Errors, AnEmptySplitNamesTheMetadata) {
  write_metadata(rows_[0][0] + ",x,train,Pastures\n");
  const std::string message = open_error("val");
  EXPECT_CONTAINS(message, "metadata '" + metadata_path() + "': has no patch in split 'validation'");
  EXPECT_EQ(open_error("train"), "(no error)");
}

TEST_F(V2Errors, AnUnknownSplitValueNamesTheLine) {
  write_metadata(rows_[0][0] + ",x,val,Pastures\n");
  const std::string message = open_error();
  EXPECT_CONTAINS(message, "line 2: patch '" + rows_[0][0] + "' has split 'val'");
  EXPECT_CONTAINS(message, "train, validation and test");
}

TEST_F(V2Errors, ASplitListNamingAPatchNotInTheMetadata) {
  write_text(root_.path() / "list.txt", rows_[0][0] + "\nS2A_MSIL2A_20990101T000000_N9999_R022_T33UUP_1_1\n");
  const std::string message = open_error("train", rgb(), "list.txt");
  EXPECT_CONTAINS(message, "split file '" + absolute_name(root_.path() / "list.txt") + "'");
  EXPECT_CONTAINS(message, "names patch 'S2A_MSIL2A_20990101T000000_N9999_R022_T33UUP_1_1', which "
                           "metadata '" + metadata_path() + "' does not list");
}

TEST_F(V2Errors, AMetadataRowWhosePatchFolderIsMissing) {
  fs::remove_all(root_.patch_folder(rows_[1][0]));
  const std::string split = rows_[1][2] == "validation" ? "val" : rows_[1][2];
  const std::string message = open_error(split);
  EXPECT_CONTAINS(message, "bigearthnet patch '" + rows_[1][0] + "'");
  EXPECT_CONTAINS(message, "folder '" + absolute_name(root_.patch_folder(rows_[1][0])) +
                               "' does not exist");
}

TEST_F(V2Errors, RadarBandsNeedAnS1Name) {
  fs::create_directory(root_.path() / "BigEarthNet-S1");
  write_metadata(rows_[0][0] + ",,train,Pastures\n");
  const std::string message = open_error("train", s1s2());
  EXPECT_CONTAINS(message, "line 2: patch '" + rows_[0][0] + "' has no s1_name");
}

TEST_F(V2Errors, AMissingColumnNamesTheHeader) {
  write_text(root_.path() / "metadata.csv", "patch_id,split,labels\n" + rows_[0][0] + ",train,Pastures\n");
  const std::string message = open_error();
  EXPECT_CONTAINS(message, "has no column 's1_name' (its header is 'patch_id,split,labels')");
}

}  // namespace
}  // namespace eorun::bigearthnet
