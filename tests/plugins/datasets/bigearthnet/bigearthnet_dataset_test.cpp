// The dataset on synthetic data: splits, labels, tensors, threads, and every kind of bad input.
#include "bigearthnet_dataset.hpp"

#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <thread>

#include "bigearthnet_test_support.hpp"
#include "eorun/error.hpp"
#include "label_map.hpp"

namespace eorun::bigearthnet {
namespace {

namespace fs = std::filesystem;
using test_support::error_of;
using test_support::make_options;
using test_support::ms;
using test_support::read_text;
using test_support::rgb;
using test_support::SynthRoot;
using test_support::write_text;

std::size_t line_count(const fs::path& path) {
  std::string text = read_text(path);
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

class SynthData : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { root_ = new SynthRoot(20); }
  static void TearDownTestSuite() {
    delete root_;
    root_ = nullptr;
  }
  static SynthRoot* root_;
};
SynthRoot* SynthData::root_ = nullptr;

TEST_F(SynthData, SplitSizesFollowTheSplitFiles) {
  for (const char* split : {"train", "val", "test"}) {
    BigEarthNetDataset dataset(make_options(root_->path(), split, rgb()));
    EXPECT_EQ(dataset.size(),
              line_count(root_->path() / (std::string("bigearthnet-") + split + ".csv")))
        << split;
  }
}

TEST_F(SynthData, TargetsAreTheLabelFilesInBothNomenclatures) {
  BigEarthNetDataset d43(make_options(root_->path(), "train", rgb(), 43));
  BigEarthNetDataset d19(make_options(root_->path(), "train", rgb(), 19));
  ASSERT_EQ(d43.size(), d19.size());
  for (std::size_t i = 0; i < d43.size(); ++i) {
    const std::string patch = d43.patch_name(i);
    auto json = nlohmann::json::parse(read_text(root_->label_file(patch)));
    std::vector<int> expected43;
    for (const auto& name : json["labels"])
      expected43.push_back(*clc43_index(name.get<std::string>()));
    std::sort(expected43.begin(), expected43.end());
    EXPECT_EQ(d43.target_indices(i), expected43) << patch;
    std::vector<int> expected19;
    for (int k : expected43) expected19.push_back(clc43_to_19()[static_cast<std::size_t>(k)]);
    std::sort(expected19.begin(), expected19.end());
    EXPECT_EQ(d19.target_indices(i), expected19) << patch;
  }
}

TEST_F(SynthData, SampleIsOneFloatTensorPlusMultiHotTargetAndPatchId) {
  BigEarthNetDataset dataset(make_options(root_->path(), "val", rgb(), 19));
  const DatasetInfo& info = dataset.info();
  EXPECT_EQ(info.task, Task::multi_label);
  EXPECT_EQ(info.band_names(), rgb());
  EXPECT_EQ(info.class_names, class_names(19));
  EXPECT_EQ(info.input_shapes(), (std::vector<std::vector<std::int64_t>>{{3, 120, 120}}));
  Sample sample = dataset.get(1);
  ASSERT_EQ(sample.inputs.size(), 1u);
  EXPECT_EQ(sample.inputs[0].dtype(), at::kFloat);
  EXPECT_EQ(sample.inputs[0].sizes(), (at::IntArrayRef{3, 120, 120}));
  EXPECT_TRUE(sample.inputs[0].is_contiguous());
  EXPECT_EQ(sample.target.dtype(), at::kFloat);
  EXPECT_EQ(sample.target.sizes(), (at::IntArrayRef{19}));
  EXPECT_EQ(sample.id, dataset.patch_name(1));
  for (int k : dataset.target_indices(1)) EXPECT_EQ(sample.target[k].item<float>(), 1.0f);
  EXPECT_EQ(sample.target.sum().item<float>(),
            static_cast<float>(dataset.target_indices(1).size()));
}

TEST_F(SynthData, ExplicitBandListKeepsTheUsersChannelOrder) {
  BigEarthNetDataset all(make_options(root_->path(), "train", ms()));
  BigEarthNetDataset some(make_options(root_->path(), "train", {"B08", "B01", "B8A"}));
  EXPECT_EQ(some.info().band_names(), (std::vector<std::string>{"B08", "B01", "B8A"}));
  at::Tensor a = all.get(2).inputs[0];
  at::Tensor b = some.get(2).inputs[0];
  EXPECT_TRUE(at::equal(b[0], a[7]));  // B08
  EXPECT_TRUE(at::equal(b[1], a[0]));  // B01
  EXPECT_TRUE(at::equal(b[2], a[8]));  // B8A
}

TEST_F(SynthData, WithoutResamplingEachResolutionIsAGroupAtItsNativeSize) {
  BigEarthNetOptions options = make_options(root_->path(), "train", ms());
  options.resample = Resample::none;
  BigEarthNetDataset dataset(options);
  const DatasetInfo& info = dataset.info();
  ASSERT_EQ(info.inputs.size(), 3u);
  EXPECT_EQ(info.inputs[0].name, "s2_10m");
  EXPECT_EQ(info.inputs[1].name, "s2_20m");
  EXPECT_EQ(info.inputs[2].name, "s2_60m");
  EXPECT_EQ(info.inputs[0].resolution_m, 10.0);
  EXPECT_EQ(info.inputs[1].resolution_m, 20.0);
  EXPECT_EQ(info.inputs[2].resolution_m, 60.0);
  EXPECT_EQ(info.band_names(), (std::vector<std::string>{"B02", "B03", "B04", "B08", "B05", "B06",
                                                         "B07", "B8A", "B11", "B12", "B01", "B09"}));
  EXPECT_EQ(info.input_shapes(),
            (std::vector<std::vector<std::int64_t>>{{4, 120, 120}, {6, 60, 60}, {2, 20, 20}}));
  Sample sample = dataset.get(0);
  ASSERT_EQ(sample.inputs.size(), 3u);
  for (std::size_t g = 0; g < 3; ++g) {
    EXPECT_EQ(sample.inputs[g].sizes(), at::IntArrayRef(info.inputs[g].shape)) << g;
    EXPECT_EQ(sample.inputs[g].dtype(), at::kFloat);
  }
  // The 10 m bands are the same as resampled (nothing to resample); the others are not resized.
  BigEarthNetDataset resampled(make_options(root_->path(), "train", ms()));
  EXPECT_EQ(resampled.info().inputs.size(), 1u);
  EXPECT_EQ(resampled.info().inputs[0].name, "s2");
  const at::Tensor stack = resampled.get(0).inputs[0];
  EXPECT_TRUE(at::equal(sample.inputs[0][0], stack[1]));  // B02
  EXPECT_TRUE(at::equal(sample.inputs[0][3], stack[7]));  // B08
  EXPECT_EQ(dataset.manifest(), resampled.manifest()) << "the same files are read";
}

TEST_F(SynthData, WithoutResamplingRgbIsTheTenMetreGroupAlone) {
  BigEarthNetOptions options = make_options(root_->path(), "val", rgb());
  options.resample = Resample::none;
  BigEarthNetDataset dataset(options);
  ASSERT_EQ(dataset.info().inputs.size(), 1u);
  EXPECT_EQ(dataset.info().inputs[0].name, "s2_10m");
  EXPECT_EQ(dataset.info().inputs[0].bands, rgb());
  EXPECT_EQ(dataset.get(0).inputs.size(), 1u);
}

TEST_F(SynthData, ConcurrentReadsMatchSerialReads) {
  BigEarthNetDataset dataset(make_options(root_->path(), "train", ms()));
  std::vector<at::Tensor> serial;
  for (std::size_t i = 0; i < dataset.size(); ++i) serial.push_back(dataset.get(i).inputs[0]);
  std::vector<std::vector<at::Tensor>> parallel(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (std::size_t i = 0; i < dataset.size(); ++i)
        parallel[t].push_back(dataset.get((i + t * 3) % dataset.size()).inputs[0]);
    });
  for (auto& thread : threads) thread.join();
  for (std::size_t t = 0; t < 4; ++t)
    for (std::size_t i = 0; i < dataset.size(); ++i)
      EXPECT_TRUE(at::equal(parallel[t][i], serial[(i + t * 3) % dataset.size()]));
}

TEST_F(SynthData, ManifestHasSplitFileThenBandsAndLabelsOfEveryPatch) {
  BigEarthNetDataset dataset(make_options(root_->path(), "test", {"B02", "B11"}));
  auto manifest = dataset.manifest();
  ASSERT_EQ(manifest.size(), 1 + dataset.size() * 3);
  EXPECT_EQ(manifest[0],
            (fs::absolute(root_->path()) / "bigearthnet-test.csv").lexically_normal().string());
  for (const std::string& file : manifest) EXPECT_TRUE(fs::is_regular_file(file)) << file;
  const std::string last = dataset.patch_name(dataset.size() - 1);
  EXPECT_EQ(manifest.back(), fs::absolute(root_->label_file(last)).lexically_normal().string());
}

TEST_F(SynthData, IndexOutOfRangeIsAnError) {
  BigEarthNetDataset dataset(make_options(root_->path(), "val", rgb()));
  EXPECT_CONTAINS(error_of([&] { dataset.get(dataset.size()); }), "out of range");
}

TEST_F(SynthData, RelativeRootIsResolvedAgainstTheWorkingDirectory) {
  const fs::path old = fs::current_path();
  fs::current_path(root_->path().parent_path());
  BigEarthNetDataset dataset(make_options(root_->path().filename(), "val", rgb()));
  fs::current_path(old);
  EXPECT_TRUE(fs::path(dataset.manifest()[0]).is_absolute());
  EXPECT_NO_THROW(dataset.get(0));
}

// ---- labels that map to nothing ----

TEST(BigEarthNetLabels, PatchWithOnlyDroppedLabelsHasAnAllZero19ClassTarget) {
  SynthRoot root(4);
  const std::string patch = root.first_patch("train");
  write_text(root.label_file(patch), R"({"labels": ["Airports", "Bare rock"]})");
  BigEarthNetDataset d19(make_options(root.path(), "train", rgb(), 19));
  BigEarthNetDataset d43(make_options(root.path(), "train", rgb(), 43));
  ASSERT_EQ(d19.patch_name(0), patch);
  EXPECT_TRUE(d19.target_indices(0).empty());
  EXPECT_EQ(d19.get(0).target.sum().item<float>(), 0.0f);
  EXPECT_EQ(d43.target_indices(0), (std::vector<int>{5, 30}));
}

// ---- bad input: each message names the patch and the file ----

TEST(BigEarthNetErrors, MissingRootNamesTheFolder) {
  test::TempDir dir;
  const fs::path missing = dir.path() / "nowhere";
  std::string message =
      error_of([&] { BigEarthNetDataset(make_options(missing, "train", rgb())); });
  EXPECT_CONTAINS(message, "dataset.root: folder '" + missing.string() + "' does not exist");
  EXPECT_CONTAINS(message, "eorun data synth");
}

TEST(BigEarthNetErrors, EmptyRootIsTheSameError) {
  std::string message = error_of([] { BigEarthNetDataset(make_options("", "train", rgb())); });
  EXPECT_CONTAINS(message, "dataset.root: folder '' does not exist");
}

TEST(BigEarthNetErrors, MissingS2FolderNamesIt) {
  test::TempDir dir;
  write_text(dir.path() / "notes.txt", "not a dataset");
  std::string message =
      error_of([&] { BigEarthNetDataset(make_options(dir.path(), "train", rgb())); });
  EXPECT_CONTAINS(message, "dataset.root: '" + dir.path().string() +
                               "' is not a BigEarthNet v1.0 root");
  EXPECT_CONTAINS(message, "folder '" + (dir.path() / "BigEarthNet-v1.0").string() +
                               "' does not exist");
  EXPECT_CONTAINS(message, "it holds notes.txt");
  BigEarthNetOptions options = make_options(dir.path(), "train", rgb());
  options.s2_folder = "S2";
  message = error_of([&] { BigEarthNetDataset{options}; });
  EXPECT_CONTAINS(message, "dataset.s2_folder: ");
  EXPECT_CONTAINS(message, (dir.path() / "S2").string());
}

TEST(BigEarthNetErrors, MissingSplitFileNamesThePathAndTheRemedy) {
  SynthRoot root(3);
  fs::remove(root.path() / "bigearthnet-val.csv");
  std::string message =
      error_of([&] { BigEarthNetDataset(make_options(root.path(), "val", rgb())); });
  EXPECT_CONTAINS(message,
                  (fs::absolute(root.path()) / "bigearthnet-val.csv").lexically_normal().string());
  EXPECT_CONTAINS(message, "does not exist");
  EXPECT_CONTAINS(message, "split_val");
}

TEST(BigEarthNetErrors, AnEmptySplitNamesTheSplitFile) {
  SynthRoot root(3);
  write_text(root.path() / "bigearthnet-val.csv", "\n");
  std::string message =
      error_of([&] { BigEarthNetDataset(make_options(root.path(), "val", rgb())); });
  EXPECT_CONTAINS(message, "split file '" + test_support::absolute_name(root.path() / "bigearthnet-val.csv") +
                               "': lists no patches");
}

TEST(BigEarthNetErrors, AnEorunSplitListIsASplitFileToo) {
  SynthRoot root(6);
  const std::string patch = root.first_patch("test");
  write_text(root.path() / "mine.txt", patch + "\n");
  BigEarthNetOptions options = make_options(root.path(), "train", rgb());
  options.split_file = "mine.txt";
  BigEarthNetDataset dataset(options);
  ASSERT_EQ(dataset.size(), 1u);
  EXPECT_EQ(dataset.sample_id(0), patch);
  EXPECT_EQ(dataset.manifest()[0], test_support::absolute_name(root.path() / "mine.txt"));
  write_text(root.path() / "mine.txt", patch + "\nS2A_MSIL2A_20990101T000000_1_1\n");
  std::string message = error_of([&] { BigEarthNetDataset{options}; });
  EXPECT_CONTAINS(message, "patch 'S2A_MSIL2A_20990101T000000_1_1'");
  EXPECT_CONTAINS(message, "does not exist");
}

TEST(BigEarthNetErrors, MissingBandFileNamesPatchAndFile) {
  SynthRoot root(4);
  const std::string patch = root.first_patch("train");
  const fs::path band = root.band_file(patch, "B05");
  fs::remove(band);
  BigEarthNetDataset rgb_data(make_options(root.path(), "train", rgb()));
  EXPECT_NO_THROW(rgb_data.get(0)) << "B05 is not read for RGB";
  BigEarthNetDataset dataset(make_options(root.path(), "train", ms()));
  std::string message = error_of([&] { dataset.get(0); });
  EXPECT_CONTAINS(message, "patch '" + patch + "'");
  EXPECT_CONTAINS(message, fs::absolute(band).lexically_normal().string());
  EXPECT_CONTAINS(message, "does not exist");
}

TEST(BigEarthNetErrors, CorruptTiffNamesPatchAndFile) {
  SynthRoot root(4);
  const std::string patch = root.first_patch("train");
  const fs::path band = root.band_file(patch, "B03");
  write_text(band, std::string(3000, '\x5a') + "this is not a TIFF");
  BigEarthNetDataset dataset(make_options(root.path(), "train", rgb()));
  std::string message = error_of([&] { dataset.get(0); });
  EXPECT_CONTAINS(message, "patch '" + patch + "'");
  EXPECT_CONTAINS(message, fs::absolute(band).lexically_normal().string());
  EXPECT_CONTAINS(message, "is not a readable GTiff raster");
}

TEST(BigEarthNetErrors, ABandNotAtItsNativeSizeIsRefusedWithoutResampling) {
  SynthRoot root(4);
  const std::string patch = root.first_patch("train");
  const fs::path band = root.band_file(patch, "B05");
  fs::copy_file(root.band_file(patch, "B04"), band, fs::copy_options::overwrite_existing);
  BigEarthNetOptions options = make_options(root.path(), "train", ms());
  options.resample = Resample::none;
  BigEarthNetDataset dataset(options);
  std::string message = error_of([&] { dataset.get(0); });
  EXPECT_CONTAINS(message, "patch '" + patch + "'");
  EXPECT_CONTAINS(message, fs::absolute(band).lexically_normal().string());
  EXPECT_CONTAINS(message, "has 120x120 pixels, expected 60x60");
  EXPECT_CONTAINS(message, "dataset.resample = \"10m\" resamples any size");
  BigEarthNetDataset resampled(make_options(root.path(), "train", ms()));
  EXPECT_NO_THROW(resampled.get(0)) << "resampling reads any size";
}

TEST(BigEarthNetErrors, TruncatedTiffNamesPatchAndFile) {
  SynthRoot root(4);
  const std::string patch = root.first_patch("train");
  const fs::path band = root.band_file(patch, "B02");
  std::string bytes = read_text(band);
  write_text(band, bytes.substr(0, bytes.size() / 2));
  BigEarthNetDataset dataset(make_options(root.path(), "train", rgb()));
  std::string message = error_of([&] { dataset.get(0); });
  EXPECT_CONTAINS(message, "patch '" + patch + "'");
  EXPECT_CONTAINS(message, fs::absolute(band).lexically_normal().string());
}

TEST(BigEarthNetErrors, UnknownLabelNameNamesPatchFileAndLabel) {
  SynthRoot root(4);
  const std::string patch = root.first_patch("test");
  const fs::path labels = root.label_file(patch);
  write_text(labels, R"({"labels": ["Pastures", "Pasture"]})");
  // Errors surface when the dataset is made, whatever split is asked for first.
  std::string message =
      error_of([&] { BigEarthNetDataset(make_options(root.path(), "test", rgb())); });
  EXPECT_CONTAINS(message, "patch '" + patch + "'");
  EXPECT_CONTAINS(message, fs::absolute(labels).lexically_normal().string());
  EXPECT_CONTAINS(message, "'Pasture'");
  EXPECT_CONTAINS(message, "not one of the 43");
  EXPECT_NO_THROW(BigEarthNetDataset(make_options(root.path(), "train", rgb())));
}

TEST(BigEarthNetErrors, MissingOrBrokenLabelFileNamesPatchAndFile) {
  SynthRoot root(4);
  const std::string patch = root.first_patch("train");
  const fs::path labels = root.label_file(patch);
  write_text(labels, "{\"labels\": [");
  std::string message =
      error_of([&] { BigEarthNetDataset(make_options(root.path(), "train", rgb())); });
  EXPECT_CONTAINS(message, "patch '" + patch + "'");
  EXPECT_CONTAINS(message, "not valid JSON");
  write_text(labels, R"({"label": ["Pastures"]})");
  message = error_of([&] { BigEarthNetDataset(make_options(root.path(), "train", rgb())); });
  EXPECT_CONTAINS(message, "no \"labels\" list");
  fs::remove(labels);
  message = error_of([&] { BigEarthNetDataset(make_options(root.path(), "train", rgb())); });
  EXPECT_CONTAINS(message, "patch '" + patch + "'");
  EXPECT_CONTAINS(message, fs::absolute(labels).lexically_normal().string());
  EXPECT_CONTAINS(message, "does not exist");
}

TEST(BigEarthNetErrors, PatchInSplitFileButNotOnDisk) {
  SynthRoot root(3);
  write_text(root.path() / "bigearthnet-train.csv", "S2A_MSIL2A_20990101T000000_1_1,S1_x\n");
  std::string message =
      error_of([&] { BigEarthNetDataset(make_options(root.path(), "train", rgb())); });
  EXPECT_CONTAINS(message, "patch 'S2A_MSIL2A_20990101T000000_1_1'");
  EXPECT_CONTAINS(message, "does not exist");
}

// ---- parameters ----

Params full_params(ParamValue bands, std::int64_t classes) {
  Params params("dataset");
  params.set("root", std::string("/data/ben"));
  params.set("version", std::int64_t{1});
  params.set("s2_folder", std::string(""));
  params.set("s1_folder", std::string(""));
  params.set("metadata", std::string("metadata.csv"));
  params.set("bands", std::move(bands));
  params.set("classes", classes);
  params.set("split_train", std::string("train.csv"));
  params.set("split_val", std::string("val.csv"));
  params.set("split_test", std::string("test.csv"));
  params.set("resample", std::string("10m"));
  return params;
}

TEST(BigEarthNetParams, PresetsListsClassesAndSplitFiles) {
  auto options = options_from_params(full_params(std::string("ms"), 43), DatasetContext{"val"});
  EXPECT_EQ(options.bands, ms());
  EXPECT_EQ(options.num_classes, 43);
  EXPECT_EQ(options.split_file, "val.csv");
  EXPECT_EQ(options.root, "/data/ben");
  options = options_from_params(full_params(std::vector<std::string>{"B12", "B02"}, 19),
                                DatasetContext{"test"});
  EXPECT_EQ(options.bands, (std::vector<std::string>{"B12", "B02"}));
  EXPECT_EQ(options.split_file, "test.csv");
  EXPECT_EQ(options_from_params(full_params(std::string("rgb"), 19), DatasetContext{"train"}).bands,
            rgb());
  EXPECT_EQ(options.resample, Resample::to_10m);
  Params native = full_params(std::string("ms"), 19);
  native.set("resample", std::string("none"));
  EXPECT_EQ(options_from_params(native, DatasetContext{"train"}).resample, Resample::none);
}

TEST(BigEarthNetParams, VersionFoldersMetadataAndRadarPresets) {
  Params params = full_params(std::string("s1s2"), 19);
  params.set("version", std::int64_t{2});
  params.set("s1_folder", std::string("S1"));
  params.set("metadata", std::string("meta/reben.csv"));
  params.set("split_val", std::string(""));
  auto options = options_from_params(params, DatasetContext{"val"});
  EXPECT_EQ(options.version, 2);
  EXPECT_EQ(options.s1_folder, "S1");
  EXPECT_EQ(options.metadata, "meta/reben.csv");
  EXPECT_EQ(options.split_file, "");
  EXPECT_EQ(options.bands, test_support::s1s2());
  params.set("classes", std::int64_t{43});
  EXPECT_CONTAINS(error_of([&] { options_from_params(params, DatasetContext{"val"}); }),
                  "dataset.classes: BigEarthNet v2 labels are names of the 19-class nomenclature");
  params.set("classes", std::int64_t{19});
  params.set("version", std::int64_t{3});
  EXPECT_CONTAINS(error_of([&] { options_from_params(params, DatasetContext{"val"}); }),
                  "dataset.version: BigEarthNet has no version 3");
}

TEST(BigEarthNetParams, BadValuesAreErrors) {
  EXPECT_CONTAINS(error_of([] {
                    options_from_params(full_params(std::vector<std::string>{"B13"}, 19),
                                        DatasetContext{"train"});
                  }),
                  "unknown band 'B13'");
  EXPECT_CONTAINS(error_of([] {
                    options_from_params(full_params(std::string("rgb"), 10),
                                        DatasetContext{"train"});
                  }),
                  "dataset.classes");
  EXPECT_CONTAINS(error_of([] {
                    options_from_params(full_params(std::string("rgb"), 19), DatasetContext{"dev"});
                  }),
                  "unknown split 'dev'");
  Params params = full_params(std::string("rgb"), 19);
  params.set("resample", std::string("20m"));
  EXPECT_CONTAINS(error_of([&] { options_from_params(params, DatasetContext{"train"}); }),
                  "dataset.resample: unknown value '20m'");
}

}  // namespace
}  // namespace eorun::bigearthnet
