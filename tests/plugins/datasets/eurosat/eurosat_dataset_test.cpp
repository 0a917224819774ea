// The dataset on synthetic copies: band order inside the files, both layouts, every split form,
// and every kind of bad input.
#include "eurosat_dataset.hpp"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "eurosat_test_support.hpp"
#include "support/geotiff_writer.hpp"
#include "synth/scene_painter.hpp"

namespace eorun::eurosat {
namespace {

namespace fs = std::filesystem;
using test_support::error_of;
using test_support::gdal_band;
using test_support::lines_of;
using test_support::make_options;
using test_support::SynthRoot;
using test_support::write_text;

const std::vector<std::string> kRgb = {"B04", "B03", "B02"};

// Resolved parameters as the core hands them to the plugin, with `changes` applied.
Params make_params(const fs::path& root,
                   const std::vector<std::pair<std::string, ParamValue>>& changes = {}) {
  Params params("dataset");
  params.set("root", root.string());
  params.set("format", std::string("ms"));
  params.set("bands", std::string("all"));
  params.set("splits", std::string("official"));
  for (const char* key : {"split_train", "split_val", "split_test"}) params.set(key, std::string());
  params.set("split_seed", std::int64_t{0});
  params.set("val_fraction", 0.2);
  params.set("test_fraction", 0.2);
  for (const auto& [key, value] : changes) params.set(key, value);
  return params;
}

EuroSatDataset make_dataset(const Params& params, const std::string& split) {
  return EuroSatDataset(options_from_params(params, DatasetContext{split}));
}

std::vector<std::string> ids_of(const EuroSatDataset& dataset) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < dataset.size(); ++i) ids.push_back(dataset.sample_id(i));
  return ids;
}

std::vector<std::string> stems(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& name : names) out.push_back(name.substr(0, name.rfind('.')));
  return out;
}

std::vector<float> channel(const at::Tensor& input, std::int64_t c) {
  at::Tensor plane = input[c].contiguous();
  return std::vector<float>(plane.data_ptr<float>(), plane.data_ptr<float>() + plane.numel());
}

class SynthData : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { root_ = new SynthRoot(40); }
  static void TearDownTestSuite() {
    delete root_;
    root_ = nullptr;
  }
  static const fs::path& root() { return root_->path(); }
  static SynthRoot* root_;
};
SynthRoot* SynthData::root_ = nullptr;

TEST_F(SynthData, EveryMsChannelIsTheTiffBandOfItsNameAndB8AIsBand13) {
  EuroSatDataset dataset(make_options(root(), "train"));
  ASSERT_EQ(dataset.info().band_names(), canonical_bands());
  for (std::size_t i = 0; i < 3; ++i) {
    const Sample sample = dataset.get(i);
    const fs::path tif = root_->tif(sample.id);
    ASSERT_EQ(test_support::gdal_band_count(tif), 13) << tif;
    ASSERT_EQ(sample.inputs[0].sizes(), (at::IntArrayRef{13, 64, 64}));
    for (std::int64_t c = 0; c < 13; ++c) {
      const std::string& band = canonical_bands()[static_cast<std::size_t>(c)];
      EXPECT_EQ(channel(sample.inputs[0], c), gdal_band(tif, file_band(Format::ms, band)))
          << sample.id << " " << band;
    }
    // Channel 8 is B8A, the file's band 13, not band 9 (B09): the bands differ, so the equality
    // above pins the position.
    EXPECT_EQ(channel(sample.inputs[0], 8), gdal_band(tif, 13));
    EXPECT_NE(gdal_band(tif, 13), gdal_band(tif, 9));
    EXPECT_NE(gdal_band(tif, 13), gdal_band(tif, 8));
  }
}

TEST_F(SynthData, TheSynthWritesB8ALastInTheTiff) {
  // Band 13 of the file holds the B8A signature of the class (B8A is in canonical position 8).
  const std::string id = lines_of(root_->split_file("train")).front();
  const std::string stem = id.substr(0, id.rfind('.'));
  const int label = *class_of_sample(stem);
  const std::vector<float> band13 = gdal_band(root_->tif(stem), 13);
  double mean = 0;
  for (float v : band13) mean += v / band13.size();
  const double b8a = class_signature(label)[8];
  const double b09 = class_signature(label)[9];
  EXPECT_LT(std::abs(mean - b8a), std::abs(mean - b09)) << stem << " mean " << mean;
  EXPECT_NEAR(mean, b8a, 0.2 * b8a);
}

TEST_F(SynthData, RgbLayoutChannelsAreTheJpegsRedGreenBlue) {
  EuroSatDataset dataset(make_options(root(), "val", Format::rgb));
  EXPECT_EQ(dataset.info().band_names(), kRgb);
  EXPECT_EQ(dataset.info().inputs[0].shape, (std::vector<std::int64_t>{3, 64, 64}));
  const Sample sample = dataset.get(1);
  for (std::int64_t c = 0; c < 3; ++c)
    EXPECT_EQ(channel(sample.inputs[0], c),
              gdal_band(root_->jpg(sample.id), static_cast<int>(c) + 1));
}

TEST_F(SynthData, RgbFromTheJpegsAndFromTheTiffsHasTheSameNamesAndScene) {
  EuroSatDataset from_jpeg(make_options(root(), "test", Format::rgb, kRgb));
  EuroSatDataset from_tiff(make_options(root(), "test", Format::ms, kRgb));
  EXPECT_EQ(from_jpeg.info().band_names(), from_tiff.info().band_names());
  ASSERT_EQ(ids_of(from_jpeg), ids_of(from_tiff));
  for (std::size_t i = 0; i < 2; ++i) {
    const at::Tensor jpeg = from_jpeg.get(i).inputs[0];
    // The synth's 8-bit scaling (to_rgb_byte) of the TIFF's digital numbers.
    const at::Tensor tiff = (from_tiff.get(i).inputs[0] * (255.0 / 2800.0)).round().clamp(0, 255);
    EXPECT_EQ(to_rgb_byte(1400.0), 128);
    for (std::int64_t c = 0; c < 3; ++c)
      EXPECT_LT((jpeg[c] - tiff[c]).abs().mean().item<double>(), 3.0)
          << from_jpeg.sample_id(i) << " channel " << kRgb[static_cast<std::size_t>(c)];
    EXPECT_GT((jpeg[0] - tiff[2]).abs().mean().item<double>(), 5.0) << "red and blue differ";
  }
}

TEST_F(SynthData, SplitsAreTheSplitFilesInFileOrderWithLabelsFromTheClassFolders) {
  std::set<std::string> all;
  for (const char* split : {"train", "val", "test"}) {
    EuroSatDataset dataset(make_options(root(), split));
    const std::vector<std::string> listed = stems(lines_of(root_->split_file(split)));
    EXPECT_EQ(ids_of(dataset), listed) << split;
    for (std::size_t i = 0; i < dataset.size(); ++i) {
      EXPECT_EQ(dataset.label(i), *class_of_sample(listed[i]));
      EXPECT_EQ(dataset.target(i).item<std::int64_t>(), dataset.label(i));
      EXPECT_EQ(dataset.target(i).scalar_type(), at::kLong);
      EXPECT_TRUE(fs::exists(root_->tif(listed[i])));
      all.insert(listed[i]);
    }
  }
  EXPECT_EQ(all.size(), 40u);
  EXPECT_EQ(make_dataset(make_params(root()), "train").info().task, Task::single_label);
  EXPECT_EQ(make_dataset(make_params(root()), "train").info().class_names, class_names());
}

TEST_F(SynthData, JpgNamesInASplitFileMeanTheTifOfTheSameStem) {
  const std::vector<std::string> listed = lines_of(root_->split_file("val"));
  ASSERT_EQ(listed.front().substr(listed.front().size() - 4), ".jpg");
  EuroSatDataset dataset(make_options(root(), "val"));
  const std::vector<std::string> manifest = dataset.manifest();
  ASSERT_EQ(manifest.size(), listed.size() + 1);
  EXPECT_EQ(manifest[0], root_->split_file("val").string());
  for (std::size_t i = 0; i < listed.size(); ++i)
    EXPECT_EQ(manifest[i + 1], root_->tif(stems(listed)[i]).string());
  EXPECT_EQ(
      make_dataset(make_params(root(), {{"format", std::string("rgb")}}), "val").manifest()[1],
      root_->jpg(stems(listed)[0]).string());
}

TEST_F(SynthData, SplitFilesMayNameTifsBareIdsOrPaths) {
  const std::vector<std::string> ids = stems(lines_of(root_->split_file("test")));
  test::TempDir lists;
  std::string text =
      ids[0] + ".tif\n\n  " + ids[1] + "  \r\n" + "EuroSAT_RGB/x/" + ids[2] + ".jpg\n";
  write_text(lists.path() / "mine.txt", text);
  EuroSatDataset dataset = make_dataset(
      make_params(root(), {{"split_test", (lists.path() / "mine.txt").string()}}), "test");
  EXPECT_EQ(ids_of(dataset), (std::vector<std::string>{ids[0], ids[1], ids[2]}));
}

TEST_F(SynthData, SpatialAndHundredVariantsAreReadFromTheirFiles) {
  const std::vector<std::string> train = stems(lines_of(root_->split_file("train")));
  const std::vector<std::string> val = stems(lines_of(root_->split_file("val")));
  const std::vector<std::string> test = stems(lines_of(root_->split_file("test")));
  test::TempDir copy;
  fs::create_directory_symlink(root() / "EuroSAT_MS", copy.path() / "EuroSAT_MS");
  // The spatial variant: another partition; the 100 variant: a subset.
  write_text(copy.path() / "eurosat-spatial-train.txt", val[0] + ".jpg\n" + test[0] + ".jpg\n");
  write_text(copy.path() / "eurosat-spatial-val.txt", train[0] + ".jpg\n");
  write_text(copy.path() / "eurosat-spatial-test.txt", train[1] + ".jpg\n");
  write_text(copy.path() / "eurosat-100-train.txt", train[2] + ".jpg\n");
  write_text(copy.path() / "eurosat-100-val.txt", val[1] + ".jpg\n");
  write_text(copy.path() / "eurosat-100-test.txt", test[1] + ".jpg\n" + test[2] + ".jpg\n");
  const auto spatial = make_params(copy.path(), {{"splits", std::string("spatial")}});
  EXPECT_EQ(ids_of(make_dataset(spatial, "train")), (std::vector<std::string>{val[0], test[0]}));
  EXPECT_EQ(ids_of(make_dataset(spatial, "val")), (std::vector<std::string>{train[0]}));
  EXPECT_EQ(make_dataset(spatial, "test").manifest()[0],
            (copy.path() / "eurosat-spatial-test.txt").string());
  const auto hundred = make_params(copy.path(), {{"splits", std::string("100")}});
  EXPECT_EQ(ids_of(make_dataset(hundred, "train")), (std::vector<std::string>{train[2]}));
  EXPECT_EQ(ids_of(make_dataset(hundred, "test")), (std::vector<std::string>{test[1], test[2]}));
  // The official files are not there: the message says how to get a split.
  EXPECT_CONTAINS(error_of([&] { make_dataset(make_params(copy.path()), "train"); }),
                  "split file '" + (copy.path() / "eurosat-train.txt").string() +
                      "': does not exist; put the official split files");
}

TEST_F(SynthData, ARandomSplitIsStratifiedSeededAndTheSameForBothLayouts) {
  const auto random = [&](const std::string& format, std::int64_t seed, double fraction = 0.25) {
    return make_params(root(), {{"splits", std::string("random")},
                                {"format", format},
                                {"split_seed", seed},
                                {"val_fraction", fraction},
                                {"test_fraction", fraction}});
  };
  std::set<std::string> all;
  for (const char* split : {"train", "val", "test"}) {
    EuroSatDataset dataset = make_dataset(random("ms", 5), split);
    EXPECT_TRUE(dataset.manifest().size() == dataset.size()) << "no split file in the manifest";
    std::vector<int> per_class(kClassCount, 0);
    for (std::size_t i = 0; i < dataset.size(); ++i) {
      ++per_class[static_cast<std::size_t>(dataset.label(i))];
      EXPECT_TRUE(all.insert(dataset.sample_id(i)).second)
          << "in two splits: " << dataset.sample_id(i);
    }
    // 4 samples per class, a quarter each to val and test.
    const int expected = std::string(split) == "train" ? 2 : 1;
    EXPECT_EQ(per_class, std::vector<int>(kClassCount, expected)) << split;
    EXPECT_EQ(ids_of(dataset), ids_of(make_dataset(random("rgb", 5), split))) << split;
  }
  EXPECT_EQ(all.size(), 40u);
  EXPECT_EQ(ids_of(make_dataset(random("ms", 5), "val")),
            ids_of(make_dataset(random("ms", 5), "val")));
  EXPECT_NE(ids_of(make_dataset(random("ms", 5), "val")),
            ids_of(make_dataset(random("ms", 6), "val")));
  EXPECT_CONTAINS(error_of([&] { make_dataset(random("ms", 5, 0.0), "val"); }),
                  "dataset.splits = \"random\": the val split of the 40 samples in '");
}

TEST_F(SynthData, IdsAndTargetsNeedNoPixelsAndReadsAreThreadSafe) {
  EuroSatDataset dataset(make_options(root(), "train"));
  std::vector<at::Tensor> alone, together(dataset.size());
  for (std::size_t i = 0; i < dataset.size(); ++i) alone.push_back(dataset.get(i).inputs[0]);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (std::size_t i = t; i < dataset.size(); i += 4) together[i] = dataset.get(i).inputs[0];
    });
  for (std::thread& thread : threads) thread.join();
  for (std::size_t i = 0; i < dataset.size(); ++i) EXPECT_TRUE(alone[i].equal(together[i])) << i;
}

// Bad input, each on a copy of its own.
class BadInput : public ::testing::Test {
 protected:
  BadInput() : root_(10, 9, "ms", 1) {}
  std::string first(const std::string& split) {
    const std::string name = lines_of(root_.split_file(split)).front();
    return name.substr(0, name.rfind('.'));
  }
  // The error of reading the first train sample after replacing its file by `pixels`.
  template <typename T>
  std::string error_after_replacing(int size, int bands, const std::vector<T>& pixels) {
    const std::string id = first("train");
    support::write_geotiff(root_.tif(id), pixels, size, size, bands, support::Georeference{});
    EuroSatDataset dataset(make_options(root_.path(), "train"));
    return error_of([&] { dataset.get(0); });
  }
  SynthRoot root_;
};

TEST_F(BadInput, ATiffOfTheWrongSizeIsRefusedNamingTheFile) {
  const std::string message =
      error_after_replacing(32, 13, std::vector<std::uint16_t>(32 * 32 * 13, 7));
  EXPECT_CONTAINS(message, "eurosat sample '" + first("train") + "': file '" +
                               root_.tif(first("train")).string() +
                               "' has 32x32 pixels, expected 64x64");
}

TEST_F(BadInput, ATiffOfTheWrongDataTypeIsRefusedNamingTheFile) {
  const std::string message = error_after_replacing(64, 13, std::vector<float>(64 * 64 * 13, 7.0f));
  EXPECT_CONTAINS(message,
                  root_.tif(first("train")).string() + "' holds Float32 pixels, expected UInt16");
}

TEST_F(BadInput, ATiffWithMissingBandsIsRefusedNamingTheFile) {
  const std::string message =
      error_after_replacing(64, 12, std::vector<std::uint16_t>(64 * 64 * 12, 7));
  EXPECT_CONTAINS(message, root_.tif(first("train")).string() + "' has 12 bands, expected 13");
}

TEST_F(BadInput, AMissingFileFailsAtReadButIdsAndTargetsStillWork) {
  EuroSatDataset dataset(make_options(root_.path(), "train"));
  fs::remove(root_.tif(first("train")));
  EXPECT_EQ(dataset.sample_id(0), first("train"));
  EXPECT_EQ(dataset.target(0).item<std::int64_t>(), *class_of_sample(first("train")));
  EXPECT_CONTAINS(error_of([&] { dataset.get(0); }),
                  "file '" + root_.tif(first("train")).string() + "' does not exist");
}

TEST_F(BadInput, ASplitFileNamingAMissingSampleFailsAtOnceNamingTheFileAndLine) {
  const fs::path split = root_.split_file("train");
  write_text(split, test_support::read_text(split) + "Forest_999.jpg\n");
  const std::size_t line = lines_of(split).size();
  const std::string message =
      error_of([&] { EuroSatDataset(make_options(root_.path(), "train")); });
  EXPECT_CONTAINS(message,
                  "split file '" + split.string() + "' line " + std::to_string(line) +
                      ": names sample 'Forest_999', whose file '" +
                      (root_.path() / "EuroSAT_MS" / "Forest" / "Forest_999.tif").string() +
                      "' does not exist");
  EXPECT_CONTAINS(message, "a name ending in .jpg means the .tif");
}

TEST_F(BadInput, ALabelNotInTheClassListIsRefusedNamingTheSplitFile) {
  const fs::path split = root_.split_file("val");
  write_text(split, "Beach_3.jpg\n");
  EXPECT_CONTAINS(error_of([&] { EuroSatDataset(make_options(root_.path(), "val")); }),
                  "split file '" + split.string() +
                      "' line 1: 'Beach_3.jpg' is not a sample of a EuroSAT class");
}

TEST_F(BadInput, AnEmptySplitIsRefusedNamingTheFile) {
  const fs::path split = root_.split_file("test");
  write_text(split, "\n  \n");
  EXPECT_CONTAINS(error_of([&] { EuroSatDataset(make_options(root_.path(), "test")); }),
                  "split file '" + split.string() + "': lists no samples (the split is empty)");
}

TEST_F(BadInput, ASampleListedTwiceIsRefused) {
  const fs::path split = root_.split_file("train");
  write_text(split, first("train") + ".jpg\n" + first("train") + ".tif\n");
  EXPECT_CONTAINS(error_of([&] { EuroSatDataset(make_options(root_.path(), "train")); }),
                  "line 2: sample '" + first("train") + "' is already listed on line 1");
}

TEST_F(BadInput, TheRgbLayoutIsRefusedWhenOnlyTheMsOneIsThere) {
  EXPECT_CONTAINS(
      error_of([&] { EuroSatDataset(make_options(root_.path(), "train", Format::rgb)); }),
      "holds no EuroSAT RGB layout (JPEGs): expected EuroSAT_RGB/ or 2750/ with one "
      "folder per class; it holds the MS layout (13-band GeoTIFFs) instead (EuroSAT_MS/)");
}

TEST_F(BadInput, AGreyJpegIsRefusedForMissingBands) {
  SynthRoot rgb(10, 9, "rgb", 1);
  const std::string name = lines_of(rgb.split_file("train")).front();
  const std::string id = name.substr(0, name.rfind('.'));
  support::write_image(rgb.jpg(id), std::vector<std::uint8_t>(64 * 64, 100), 64, 64, 1,
                       support::ImageFormat::jpeg);
  EuroSatDataset dataset(make_options(rgb.path(), "train", Format::rgb));
  EXPECT_CONTAINS(error_of([&] { dataset.get(0); }),
                  "file '" + rgb.jpg(id).string() + "' has 1 band, expected 3");
}

}  // namespace
}  // namespace eorun::eurosat
