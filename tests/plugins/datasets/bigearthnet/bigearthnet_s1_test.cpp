// Sentinel-1 in BigEarthNet v1.0 on a synthetic copy with S1 patches: VV,VH channel order,
// pairing through the split CSV or the S1 label files, S1+S2 stacks, groups, reference constants,
// scene and tile groups, and bad radar input.
#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include "bigearthnet_dataset.hpp"
#include "bigearthnet_test_support.hpp"
#include "support/geotiff_writer.hpp"
#include "synth/bigearthnet_synth.hpp"

namespace eorun::bigearthnet {
namespace {

namespace fs = std::filesystem;
using test_support::absolute_name;
using test_support::error_of;
using test_support::file_pixels;
using test_support::make_options;
using test_support::ms;
using test_support::read_text;
using test_support::rgb;
using test_support::s1;
using test_support::s1s2;
using test_support::SynthRoot;
using test_support::write_text;

// The S2 patch names of a split CSV, one per line (an eorun split list).
std::string split_list_of(const fs::path& csv) {
  std::string list;
  std::istringstream in(read_text(csv));
  for (std::string line; std::getline(in, line);) list += line.substr(0, line.find(',')) + "\n";
  return list;
}

class SynthS1 : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = new SynthRoot(12, 5, /*s1=*/true);
    write_text(root_->path() / "train-list.txt",
               split_list_of(root_->path() / "bigearthnet-train.csv"));
  }
  static void TearDownTestSuite() {
    delete root_;
    root_ = nullptr;
  }
  static BigEarthNetOptions options(std::vector<std::string> bands, const std::string& split_file = "") {
    BigEarthNetOptions options = make_options(root_->path(), "train", std::move(bands));
    options.split_file = split_file;
    return options;
  }
  static SynthRoot* root_;
};
SynthRoot* SynthS1::root_ = nullptr;

TEST_F(SynthS1, S1PresetIsVvThenVhWithTheFilesValues) {
  BigEarthNetDataset dataset(options(bands_from_preset("s1")));
  EXPECT_EQ(dataset.info().band_names(), (std::vector<std::string>{"VV", "VH"}));
  ASSERT_EQ(dataset.info().inputs.size(), 1u);
  EXPECT_EQ(dataset.info().inputs[0].name, "s1");
  EXPECT_EQ(dataset.info().inputs[0].resolution_m, 10.0);
  for (std::size_t i = 0; i < dataset.size(); ++i) {
    const Sample sample = dataset.get(i);
    const std::string s1 = dataset.s1_patch_name(i);
    EXPECT_EQ(s1, test_support::synth_s1_of(sample.id));
    ASSERT_EQ(sample.inputs[0].sizes(), (at::IntArrayRef{2, 120, 120}));
    EXPECT_TRUE(at::equal(sample.inputs[0][0], file_pixels(root_->s1_band_file(s1, "VV"))));
    EXPECT_TRUE(at::equal(sample.inputs[0][1], file_pixels(root_->s1_band_file(s1, "VH"))));
    EXPECT_LT(sample.inputs[0].max().item<float>(), 10.0f) << "dB, not digital numbers";
  }
}

TEST_F(SynthS1, ExplicitRadarOrderIsKept) {
  BigEarthNetDataset vh_vv(options({"VH", "VV"}));
  BigEarthNetDataset vv_vh(options(s1()));
  EXPECT_EQ(vh_vv.info().band_names(), (std::vector<std::string>{"VH", "VV"}));
  const at::Tensor a = vh_vv.get(1).inputs[0];
  const at::Tensor b = vv_vh.get(1).inputs[0];
  EXPECT_TRUE(at::equal(a[0], b[1]));
  EXPECT_TRUE(at::equal(a[1], b[0]));
  EXPECT_FALSE(at::equal(a[0], a[1]));
}

TEST_F(SynthS1, S1s2StacksTheTwelveS2BandsThenVvVh) {
  BigEarthNetDataset both(options(bands_from_preset("s1s2")));
  BigEarthNetDataset optical(options(ms()));
  BigEarthNetDataset radar(options(s1()));
  EXPECT_EQ(both.info().band_names(), s1s2());
  ASSERT_EQ(both.info().inputs.size(), 1u);
  EXPECT_EQ(both.info().inputs[0].name, "s1s2");
  EXPECT_EQ(both.info().input_shapes(), (std::vector<std::vector<std::int64_t>>{{14, 120, 120}}));
  const at::Tensor stack = both.get(2).inputs[0];
  EXPECT_TRUE(at::equal(stack.slice(0, 0, 12), optical.get(2).inputs[0]));
  EXPECT_TRUE(at::equal(stack.slice(0, 12, 14), radar.get(2).inputs[0]));
  EXPECT_EQ(optical.info().inputs[0].name, "s2") << "S2 alone keeps its group name";
}

TEST_F(SynthS1, WithoutResamplingTheRadarGroupComesAfterTheS2Groups) {
  BigEarthNetOptions native = options(s1s2());
  native.resample = Resample::none;
  BigEarthNetDataset dataset(native);
  const std::vector<InputGroup>& groups = dataset.info().inputs;
  ASSERT_EQ(groups.size(), 4u);
  EXPECT_EQ(groups[3].name, "s1");
  EXPECT_EQ(groups[3].bands, s1());
  EXPECT_EQ(groups[3].shape, (std::vector<std::int64_t>{2, 120, 120}));
  EXPECT_EQ(groups[3].resolution_m, 10.0);
  const Sample sample = dataset.get(0);
  ASSERT_EQ(sample.inputs.size(), 4u);
  EXPECT_TRUE(at::equal(sample.inputs[3][0],
                        file_pixels(root_->s1_band_file(dataset.s1_patch_name(0), "VV"))));
}

TEST_F(SynthS1, OneColumnSplitListPairsThroughCorrespondingS2Patch) {
  BigEarthNetDataset by_csv(options(s1s2()));
  BigEarthNetDataset by_json(options(s1s2(), "train-list.txt"));
  ASSERT_EQ(by_json.size(), by_csv.size());
  for (std::size_t i = 0; i < by_csv.size(); ++i) {
    EXPECT_EQ(by_json.patch_name(i), by_csv.patch_name(i));
    EXPECT_EQ(by_json.s1_patch_name(i), by_csv.s1_patch_name(i));
  }
  EXPECT_TRUE(at::equal(by_json.get(3).inputs[0], by_csv.get(3).inputs[0]));
  EXPECT_TRUE(by_csv.info().notes.empty());
  ASSERT_EQ(by_json.info().notes.size(), 1u);
  EXPECT_CONTAINS(by_json.info().notes[0], "corresponding_s2_patch of 12 S1 label files");
  // The S1 label files read for the pairing are in the manifest; with the CSV they are not read.
  const std::string s1_json = absolute_name(root_->s1_folder(by_csv.s1_patch_name(0)) /
                                            (by_csv.s1_patch_name(0) + "_labels_metadata.json"));
  auto has = [&](const std::vector<std::string>& files) {
    return std::find(files.begin(), files.end(), s1_json) != files.end();
  };
  EXPECT_TRUE(has(by_json.manifest()));
  EXPECT_FALSE(has(by_csv.manifest()));
}

TEST_F(SynthS1, ManifestListsS1FilesOnlyWhenRadarIsSelected) {
  BigEarthNetDataset optical(options(rgb()));
  for (const std::string& file : optical.manifest())
    EXPECT_EQ(file.find("BigEarthNet-S1-v1.0"), std::string::npos) << file;
  BigEarthNetDataset both(options({"B02", "VH"}));
  const std::vector<std::string> manifest = both.manifest();
  ASSERT_EQ(manifest.size(), 1 + both.size() * 3);
  EXPECT_EQ(manifest[1], absolute_name(root_->band_file(both.patch_name(0), "B02")));
  EXPECT_EQ(manifest[2], absolute_name(root_->s1_band_file(both.s1_patch_name(0), "VH")));
  EXPECT_EQ(manifest[3], absolute_name(root_->label_file(both.patch_name(0))));
}

TEST_F(SynthS1, ReferenceConstantsForS2SelectionsOnly) {
  BigEarthNetDataset rgb_data(options(rgb()));
  const ReferenceStats& stats = rgb_data.info().reference;
  ASSERT_FALSE(stats.empty());
  EXPECT_EQ(stats.mean, (std::vector<double>{590.23569706, 614.21682446, 429.9430203}));
  EXPECT_EQ(stats.std, (std::vector<double>{675.88746967, 582.87945694, 572.41639287}));
  EXPECT_EQ(stats.source, "BigEarthNet reference code (12-band z-score constants)");
  BigEarthNetOptions native = options(ms());
  native.resample = Resample::none;
  BigEarthNetDataset grouped(native);
  // Channel order of the native groups: B02,B03,B04,B08 / B05,... / B01,B09.
  EXPECT_EQ(grouped.info().reference.mean.front(), 429.9430203);
  EXPECT_EQ(grouped.info().reference.mean.back(), 2246.0605464);
  EXPECT_EQ(grouped.info().reference.std.size(), 12u);
  EXPECT_TRUE(BigEarthNetDataset(options(s1s2())).info().reference.empty());
  EXPECT_TRUE(BigEarthNetDataset(options(s1())).info().reference.empty());
}

TEST_F(SynthS1, GroupsAreTheS2ProductAndTheMgrsTile) {
  BigEarthNetDataset dataset(options(rgb()));
  for (std::size_t i = 0; i < dataset.size(); ++i) {
    EXPECT_EQ(dataset.group(i, "scene"), "S2A_MSIL2A_20170613T101031");
    EXPECT_EQ(dataset.group(i, "tile"), "T33UUP");  // from tile_source of the label file
    EXPECT_EQ(dataset.group(i, "orbit"), "");
    EXPECT_EQ(dataset.sample_id(i), dataset.patch_name(i));
  }
}

TEST_F(SynthS1, S2OnlyReadsNeedNoS1Folder) {
  SynthRoot root(3, 1, /*s1=*/false);
  EXPECT_FALSE(fs::exists(root.path() / "BigEarthNet-S1-v1.0"));
  EXPECT_NO_THROW(BigEarthNetDataset(make_options(root.path(), "train", ms())));
  const std::string message =
      error_of([&] { BigEarthNetDataset(make_options(root.path(), "train", s1s2())); });
  EXPECT_CONTAINS(message, "folder '" + (root.path() / "BigEarthNet-S1-v1.0").string() +
                               "' does not exist, and the Sentinel-1 bands");
  EXPECT_CONTAINS(message, "select Sentinel-2 bands only");
}

// ---- bad radar input ----

class S1Errors : public ::testing::Test {
 protected:
  SynthRoot root_{4, 2, /*s1=*/true};
  std::string patch_ = root_.first_patch("train");
  std::string s1_ = test_support::synth_s1_of(patch_);
};

TEST_F(S1Errors, MissingRadarBandNamesPatchAndFile) {
  const fs::path vh = root_.s1_band_file(s1_, "VH");
  fs::remove(vh);
  BigEarthNetDataset vv(make_options(root_.path(), "train", {"VV"}));
  EXPECT_NO_THROW(vv.get(0)) << "VH is not read for VV alone";
  BigEarthNetDataset both(make_options(root_.path(), "train", s1()));
  const std::string message = error_of([&] { both.get(0); });
  EXPECT_CONTAINS(message, "bigearthnet patch '" + patch_ + "'");
  EXPECT_CONTAINS(message, "file '" + absolute_name(vh) + "' does not exist");
}

// Radar files are Float32 dB, optical files UInt16 digital numbers: each swapped for the other.
TEST_F(S1Errors, FilesOfTheWrongDataTypeNameTheFile) {
  const fs::path vv = root_.s1_band_file(s1_, "VV");
  const fs::path b03 = root_.band_file(patch_, "B03");
  const fs::path b02 = root_.band_file(patch_, "B02");
  fs::copy_file(vv, b03, fs::copy_options::overwrite_existing);
  fs::copy_file(b02, vv, fs::copy_options::overwrite_existing);
  BigEarthNetDataset radar(make_options(root_.path(), "train", s1()));
  EXPECT_CONTAINS(error_of([&] { radar.get(0); }),
                  "file '" + absolute_name(vv) + "' holds UInt16 pixels, expected Float32");
  BigEarthNetDataset optical(make_options(root_.path(), "train", rgb()));
  EXPECT_CONTAINS(error_of([&] { optical.get(0); }),
                  "file '" + absolute_name(b03) + "' holds Float32 pixels, expected UInt16");
}

TEST_F(S1Errors, RadarFileOfTheWrongSizeIsRefusedWithoutResampling) {
  const fs::path vh = root_.s1_band_file(s1_, "VH");
  support::write_geotiff(vh, std::vector<float>(60 * 60, -15.0f), 60, 60, 1,
                         {{399960.0, 20.0, 0.0, 5400000.0, 0.0, -20.0}, support::kUtm33nWkt});
  BigEarthNetOptions native = make_options(root_.path(), "train", s1());
  native.resample = Resample::none;
  BigEarthNetDataset dataset(native);
  const std::string message = error_of([&] { dataset.get(0); });
  EXPECT_CONTAINS(message, "file '" + absolute_name(vh) + "' has 60x60 pixels, expected 120x120");
  BigEarthNetDataset resampled(make_options(root_.path(), "train", s1()));
  EXPECT_EQ(resampled.get(0).inputs[0][1].mean().item<float>(), -15.0f) << "resampling reads any size";
}

TEST_F(S1Errors, UnpairedPatchInASplitListNamesTheSplitFile) {
  write_text(root_.path() / "list.txt", patch_ + "\n");
  fs::remove_all(root_.s1_folder(s1_));
  BigEarthNetOptions options = make_options(root_.path(), "train", s1s2());
  options.split_file = "list.txt";
  const std::string message = error_of([&] { BigEarthNetDataset{options}; });
  EXPECT_CONTAINS(message, "bigearthnet patch '" + patch_ + "'");
  EXPECT_CONTAINS(message, "split file '" + absolute_name(root_.path() / "list.txt") +
                               "' gives no S1 patch for it");
  EXPECT_CONTAINS(message, "corresponding_s2_patch");
  options.bands = ms();
  EXPECT_NO_THROW(BigEarthNetDataset{options}) << "S2 bands need no pairing";
}

TEST_F(S1Errors, BrokenS1LabelFileNamesItWhenPairingNeedsIt) {
  const fs::path json = root_.s1_folder(s1_) / (s1_ + "_labels_metadata.json");
  write_text(json, R"({"labels": ["Pastures"]})");
  write_text(root_.path() / "list.txt", patch_ + "\n");
  EXPECT_NO_THROW(BigEarthNetDataset(make_options(root_.path(), "train", s1s2())))
      << "the two-column CSV pairs without the S1 label files";
  BigEarthNetOptions options = make_options(root_.path(), "train", s1s2());
  options.split_file = "list.txt";
  const std::string message = error_of([&] { BigEarthNetDataset{options}; });
  EXPECT_CONTAINS(message, "bigearthnet S1 patch '" + s1_ + "'");
  EXPECT_CONTAINS(message, json.string());
  EXPECT_CONTAINS(message, "no \"corresponding_s2_patch\"");
}

TEST_F(S1Errors, UnknownRadarBandListsTheValidOnes) {
  const std::string message = error_of([] { bands_from_list({"VV", "HH"}); });
  EXPECT_CONTAINS(message, "unknown band 'HH'");
  EXPECT_CONTAINS(message, "Sentinel-1 VV,VH");
}

}  // namespace
}  // namespace eorun::bigearthnet
