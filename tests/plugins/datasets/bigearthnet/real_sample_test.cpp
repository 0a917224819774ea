// Reads the six genuine BigEarthNet v1.0 patches (../shared/data/bigearthnet-v1-sample, or
// $EORUN_BIGEARTHNET_SAMPLE). Skipped with a reason where the sample is not on the machine.
#include <ATen/ATen.h>
#include <gdal.h>
#include <gtest/gtest.h>

#include <map>

#include "bigearthnet_test_support.hpp"

namespace eorun::bigearthnet {
namespace {

namespace fs = std::filesystem;
using test_support::make_options;

struct RealPatch {
  const char* s2;
  const char* s1;
  std::vector<int> labels43;
  std::vector<int> labels19;
};

// Labels from the sample's README table and JSON files, as 43- and 19-class indices.
const std::vector<RealPatch>& real_patches() {
  static const std::vector<RealPatch> patches = {
      {"S2A_MSIL2A_20170613T101031_87_48",
       "S1A_IW_GRDH_1SDV_20170613T165043_33UUP_87_48",
       {11, 20},
       {2, 6}},
      {"S2A_MSIL2A_20170617T113321_36_85",
       "S1A_IW_GRDH_1SDV_20170617T064724_29UPU_36_85",
       {11, 17},
       {2, 4}},
      {"S2A_MSIL2A_20170617T113321_4_55", "S1A_IW_GRDH_1SDV_20170617T064724_29UPU_4_55", {17}, {4}},
      {"S2A_MSIL2A_20171221T112501_56_35",
       "S1A_IW_GRDH_1SDV_20171221T064238_29SND_56_35",
       {19, 20, 22, 28},
       {5, 6, 8, 13}},
      {"S2B_MSIL2A_20170924T93020_69_24",
       "S1A_IW_GRDH_1SDV_20170925T043256_35VPK_69_24",
       {23, 24, 28, 34, 39},
       {9, 10, 13, 15, 17}},
      {"S2B_MSIL2A_20180204T94161_57_38",
       "S1A_IW_GRDH_1SDV_20180204T043253_35VPK_57_38",
       {11, 23, 24},
       {2, 9, 10}},
  };
  return patches;
}

std::size_t count_files(const fs::path& folder) {
  std::size_t n = 0;
  for (const auto& entry : fs::recursive_directory_iterator(folder))
    if (entry.is_regular_file()) ++n;
  return n;
}

// Mean of band 1 of a GeoTIFF at its native size.
double native_mean(const fs::path& file) {
  const at::Tensor pixels = test_support::file_pixels(file);
  return pixels.defined() ? pixels.to(at::kDouble).mean().item<double>() : -1.0;
}

class RealSample : public ::testing::Test {
 protected:
  void SetUp() override {
    sample_ = test_support::real_sample_folder();
    if (sample_.empty())
      GTEST_SKIP() << "the real BigEarthNet sample is not on this machine (expected at "
                      "../shared/data/bigearthnet-v1-sample or $EORUN_BIGEARTHNET_SAMPLE)";
    // The sample folder is read-only: a temporary root links to it and holds the split file.
    for (const char* folder : {"BigEarthNet-v1.0", "BigEarthNet-S1-v1.0"})
      fs::create_directory_symlink(fs::absolute(sample_ / folder), dir_.path() / folder);
    std::string csv;
    std::string list;
    for (const RealPatch& patch : real_patches()) {
      csv += std::string(patch.s2) + "," + patch.s1 + "\n";
      list += std::string(patch.s2) + "\n";
    }
    test_support::write_text(dir_.path() / "bigearthnet-test.csv", csv);
    test_support::write_text(dir_.path() / "test-list.txt", list);
  }

  BigEarthNetDataset open(std::vector<std::string> bands, int classes,
                          Resample resample = Resample::to_10m, const std::string& split_file = "") {
    BigEarthNetOptions options = make_options(dir_.path(), "test", std::move(bands), classes);
    options.resample = resample;
    if (!split_file.empty()) options.split_file = split_file;
    return BigEarthNetDataset(options);
  }

  fs::path sample_;
  test::TempDir dir_;
};

TEST_F(RealSample, ExactLabelIndicesWith43Classes) {
  BigEarthNetDataset dataset = open(test_support::rgb(), 43);
  ASSERT_EQ(dataset.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(dataset.patch_name(i), real_patches()[i].s2);
    EXPECT_EQ(dataset.target_indices(i), real_patches()[i].labels43) << real_patches()[i].s2;
  }
  EXPECT_EQ(dataset.info().class_names.size(), 43u);
}

TEST_F(RealSample, ExactLabelIndicesWith19Classes) {
  BigEarthNetDataset dataset = open(test_support::rgb(), 19);
  ASSERT_EQ(dataset.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(dataset.target_indices(i), real_patches()[i].labels19) << real_patches()[i].s2;
    Sample sample = dataset.get(i);
    ASSERT_EQ(sample.target.dtype(), at::kFloat);
    ASSERT_EQ(sample.target.sizes(), (at::IntArrayRef{19}));
    std::vector<int> hot;
    for (int k = 0; k < 19; ++k)
      if (sample.target[k].item<float>() == 1.0f) hot.push_back(k);
    EXPECT_EQ(hot, real_patches()[i].labels19);
    EXPECT_FLOAT_EQ(sample.target.sum().item<float>(), static_cast<float>(hot.size()));
    EXPECT_EQ(sample.id, real_patches()[i].s2);
  }
}

TEST_F(RealSample, TwelveBandsAt120PixelsWithPlausibleValues) {
  BigEarthNetDataset dataset = open(test_support::ms(), 19);
  EXPECT_EQ(dataset.info().band_names(), test_support::ms());
  EXPECT_EQ(dataset.info().input_shapes(), (std::vector<std::vector<std::int64_t>>{{12, 120, 120}}));
  for (std::size_t i = 0; i < dataset.size(); ++i) {
    Sample sample = dataset.get(i);
    ASSERT_EQ(sample.inputs.size(), 1u);
    const at::Tensor& x = sample.inputs[0];
    ASSERT_EQ(x.dtype(), at::kFloat);
    ASSERT_EQ(x.sizes(), (at::IntArrayRef{12, 120, 120}));
    for (int c = 0; c < 12; ++c) {
      double mean = x[c].mean().item<double>();
      EXPECT_GT(mean, 1.0) << sample.id << " " << test_support::ms()[static_cast<std::size_t>(c)];
      EXPECT_LT(mean, 10000.0) << sample.id;
    }
    EXPECT_GE(x.min().item<float>(), 0.0f);
    EXPECT_LE(x.max().item<float>(), 65535.0f);
  }
}

TEST_F(RealSample, TenMetreBandsAreTheFileValuesAndResampledBandsKeepTheirMean) {
  BigEarthNetDataset dataset = open(test_support::ms(), 19);
  const std::string patch = "S2A_MSIL2A_20170613T101031_87_48";
  Sample sample = dataset.get(0);
  ASSERT_EQ(sample.id, patch);
  const at::Tensor& x = sample.inputs[0];
  // B02 of this patch: gdalinfo -stats gives mean 619.557, min 43, max 2048.
  EXPECT_NEAR(x[1].mean().item<double>(), 619.557, 0.01);
  EXPECT_EQ(x[1].min().item<float>(), 43.0f);
  EXPECT_EQ(x[1].max().item<float>(), 2048.0f);
  const fs::path folder = sample_ / "BigEarthNet-v1.0" / patch;
  for (std::size_t c = 0; c < 12; ++c) {
    const std::string band = test_support::ms()[c];
    double native = native_mean(folder / (patch + "_" + band + ".tif"));
    double read = x[static_cast<std::int64_t>(c)].mean().item<double>();
    // Bilinear resampling preserves the mean closely; 10 m bands are copied as they are.
    EXPECT_NEAR(read, native, native * 0.03) << band;
  }
}

TEST_F(RealSample, WithoutResamplingThreeGroupsHoldTheFilePixelsAsStored) {
  BigEarthNetDataset dataset = open(test_support::ms(), 19, Resample::none);
  const std::vector<InputGroup>& groups = dataset.info().inputs;
  ASSERT_EQ(groups.size(), 3u);
  const std::vector<std::vector<std::string>> bands = {
      {"B02", "B03", "B04", "B08"}, {"B05", "B06", "B07", "B8A", "B11", "B12"}, {"B01", "B09"}};
  const std::vector<std::string> names = {"s2_10m", "s2_20m", "s2_60m"};
  const std::vector<double> resolutions = {10.0, 20.0, 60.0};
  const std::vector<std::vector<std::int64_t>> shapes = {{4, 120, 120}, {6, 60, 60}, {2, 20, 20}};
  for (std::size_t g = 0; g < 3; ++g) {
    EXPECT_EQ(groups[g].name, names[g]);
    EXPECT_EQ(groups[g].bands, bands[g]) << names[g];
    EXPECT_EQ(groups[g].resolution_m, resolutions[g]) << names[g];
    EXPECT_EQ(groups[g].shape, shapes[g]) << names[g];
  }
  for (std::size_t i = 0; i < dataset.size(); ++i) {
    const Sample sample = dataset.get(i);
    ASSERT_EQ(sample.inputs.size(), 3u);
    const fs::path folder = sample_ / "BigEarthNet-v1.0" / sample.id;
    for (std::size_t g = 0; g < 3; ++g) {
      ASSERT_EQ(sample.inputs[g].sizes(), at::IntArrayRef(shapes[g])) << sample.id;
      for (std::size_t c = 0; c < bands[g].size(); ++c) {
        const at::Tensor raw = test_support::file_pixels(folder / (sample.id + "_" + bands[g][c] + ".tif"));
        ASSERT_TRUE(raw.defined()) << sample.id << " " << bands[g][c];
        EXPECT_TRUE(at::equal(sample.inputs[g][static_cast<std::int64_t>(c)], raw))
            << sample.id << " " << bands[g][c] << ": not the pixels of the file";
      }
    }
  }
}

TEST_F(RealSample, RgbChannelsAreB04B03B02OfTheMultispectralStack) {
  BigEarthNetDataset rgb = open(test_support::rgb(), 19);
  BigEarthNetDataset ms = open(test_support::ms(), 19);
  EXPECT_EQ(rgb.info().band_names(), (std::vector<std::string>{"B04", "B03", "B02"}));
  at::Tensor a = rgb.get(3).inputs[0];
  at::Tensor b = ms.get(3).inputs[0];
  EXPECT_TRUE(at::equal(a[0], b[3]));  // B04
  EXPECT_TRUE(at::equal(a[1], b[2]));  // B03
  EXPECT_TRUE(at::equal(a[2], b[1]));  // B02
}

TEST_F(RealSample, ManifestListsTheSplitFileBandFilesAndLabelFiles) {
  BigEarthNetDataset dataset = open({"B8A", "B02"}, 19);
  std::vector<std::string> manifest = dataset.manifest();
  ASSERT_EQ(manifest.size(), 1u + 6u * 3u);
  EXPECT_EQ(manifest[0],
            (fs::absolute(dir_.path()) / "bigearthnet-test.csv").lexically_normal().string());
  const std::string patch = real_patches()[0].s2;
  const fs::path folder =
      (fs::absolute(dir_.path()) / "BigEarthNet-v1.0" / patch).lexically_normal();
  EXPECT_EQ(manifest[1], (folder / (patch + "_B8A.tif")).string());
  EXPECT_EQ(manifest[2], (folder / (patch + "_B02.tif")).string());
  EXPECT_EQ(manifest[3], (folder / (patch + "_labels_metadata.json")).string());
  for (const std::string& file : manifest) {
    EXPECT_TRUE(fs::path(file).is_absolute()) << file;
    EXPECT_TRUE(fs::is_regular_file(file)) << file;
  }
}

// VV then VH, the values of the files, whichever way S1 patches are found: the split CSV's second
// column or the S1 label files' corresponding_s2_patch.
TEST_F(RealSample, S1ChannelsAreVvThenVhAsInTheFiles) {
  for (const char* split_file : {"bigearthnet-test.csv", "test-list.txt"}) {
    SCOPED_TRACE(split_file);
    BigEarthNetDataset dataset = open(bands_from_preset("s1s2"), 19, Resample::to_10m, split_file);
    ASSERT_EQ(dataset.size(), 6u);
    EXPECT_EQ(dataset.info().band_names(), test_support::s1s2());
    for (std::size_t i = 0; i < 6; ++i) {
      const RealPatch& patch = real_patches()[i];
      EXPECT_EQ(dataset.s1_patch_name(i), patch.s1);
      const Sample sample = dataset.get(i);
      const fs::path folder = sample_ / "BigEarthNet-S1-v1.0" / patch.s1;
      const at::Tensor vv = test_support::file_pixels(folder / (std::string(patch.s1) + "_VV.tif"));
      const at::Tensor vh = test_support::file_pixels(folder / (std::string(patch.s1) + "_VH.tif"));
      ASSERT_TRUE(vv.defined() && vh.defined()) << patch.s1;
      EXPECT_TRUE(at::equal(sample.inputs[0][12], vv)) << patch.s1;
      EXPECT_TRUE(at::equal(sample.inputs[0][13], vh)) << patch.s1;
      EXPECT_FALSE(at::equal(vv, vh)) << patch.s1;
      // Backscatter in dB: VH is weaker than VV on average.
      EXPECT_LT(vh.mean().item<float>(), vv.mean().item<float>()) << patch.s1;
      EXPECT_LT(vv.mean().item<float>(), 5.0f) << patch.s1;
    }
    EXPECT_TRUE(dataset.info().reference.empty());
  }
}

TEST_F(RealSample, RadarGroupWithoutResamplingHoldsTheFilePixels) {
  BigEarthNetDataset dataset = open({"VV", "VH", "B02"}, 19, Resample::none);
  ASSERT_EQ(dataset.info().inputs.size(), 2u);
  EXPECT_EQ(dataset.info().inputs[1].name, "s1");
  const Sample sample = dataset.get(4);
  const std::string s1 = real_patches()[4].s1;
  EXPECT_TRUE(at::equal(sample.inputs[1][1],
                        test_support::file_pixels(sample_ / "BigEarthNet-S1-v1.0" / s1 /
                                                  (s1 + "_VH.tif"))));
}

TEST_F(RealSample, GroupsAreTheS2ProductAndTheTileOfTileSource) {
  BigEarthNetDataset dataset = open(test_support::rgb(), 19);
  const std::vector<std::string> tiles = {"T33UUP", "T29UPU", "T29UPU", "T29SND", "T35VPK", "T35VPK"};
  const std::vector<std::string> scenes = {
      "S2A_MSIL2A_20170613T101031", "S2A_MSIL2A_20170617T113321", "S2A_MSIL2A_20170617T113321",
      "S2A_MSIL2A_20171221T112501", "S2B_MSIL2A_20170924T93020",  "S2B_MSIL2A_20180204T94161"};
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(dataset.group(i, "tile"), tiles[i]) << real_patches()[i].s2;
    EXPECT_EQ(dataset.group(i, "scene"), scenes[i]) << real_patches()[i].s2;
  }
  EXPECT_EQ(dataset.info().reference.mean.size(), 3u);
}

TEST_F(RealSample, ReadingWritesNothingIntoTheSample) {
  const std::size_t before = count_files(sample_);
  BigEarthNetDataset dataset = open(test_support::s1s2(), 43);
  for (std::size_t i = 0; i < dataset.size(); ++i) dataset.get(i);
  EXPECT_EQ(count_files(sample_), before) << "no .aux.xml or other files may appear";
}

}  // namespace
}  // namespace eorun::bigearthnet
