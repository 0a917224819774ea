#include "synth/bigearthnet_synth.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include <gdal.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "synth/synth_classes.hpp"
#include "eorun/error.hpp"
#include "support/temp_dir.hpp"
#include "util/sha256.hpp"

namespace eorun::bigearthnet {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> read_lines(const fs::path& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// sha256 over every file under `root`: relative path and content, in sorted path order.
std::string tree_hash(const fs::path& root) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file()) files.push_back(fs::relative(entry.path(), root));
  std::sort(files.begin(), files.end());
  Sha256 hash;
  for (const fs::path& file : files) {
    hash.update(file.string());
    hash.update(sha256_file(root / file));
  }
  return hash.hex_digest();
}

SynthRequest request_for(const fs::path& out, int patches, std::uint64_t seed = 0, int threads = 1) {
  SynthRequest request;
  request.out = out.string();
  request.samples = patches;
  request.seed = seed;
  request.threads = threads;
  return request;
}

SynthResult synthesize(const fs::path& out, int patches, std::uint64_t seed, int threads = 2) {
  return write_synthetic_bigearthnet(request_for(out, patches, seed, threads), Params("synth"));
}

struct RasterFacts {
  int width = 0;
  int height = 0;
  int bands = 0;
  GDALDataType type = GDT_Unknown;
  std::array<double, 6> geotransform{};
  bool has_geotransform = false;
  std::string projection;
};

RasterFacts raster_facts(const fs::path& path) {
  GDALAllRegister();
  RasterFacts facts;
  GDALDatasetH dataset = GDALOpen(path.c_str(), GA_ReadOnly);
  if (dataset == nullptr) return facts;
  facts.width = GDALGetRasterXSize(dataset);
  facts.height = GDALGetRasterYSize(dataset);
  facts.bands = GDALGetRasterCount(dataset);
  facts.type = GDALGetRasterDataType(GDALGetRasterBand(dataset, 1));
  facts.has_geotransform = GDALGetGeoTransform(dataset, facts.geotransform.data()) == CE_None;
  facts.projection = GDALGetProjectionRef(dataset);
  GDALClose(dataset);
  return facts;
}

TEST(SynthNames, LookLikeBigEarthNetV1Names) {
  EXPECT_EQ(synth_s2_patch_name(0), "S2A_MSIL2A_20170613T101031_0_0");
  EXPECT_EQ(synth_s2_patch_name(123), "S2A_MSIL2A_20170613T101031_1_23");
  EXPECT_EQ(synth_s1_patch_name(123), "S1A_IW_GRDH_1SDV_20170613T165043_33UUP_1_23");
}

class SynthDataset : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    summary_ = synthesize(dir_->path(), kPatches, 11);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static fs::path root() { return dir_->path(); }

  static constexpr int kPatches = 25;
  static test::TempDir* dir_;
  static SynthResult summary_;
};
test::TempDir* SynthDataset::dir_ = nullptr;
SynthResult SynthDataset::summary_;

TEST_F(SynthDataset, WritesTheV1LayoutWithTwelveBandsAndALabelFilePerPatch) {
  const char* bands[] = {"B01", "B02", "B03", "B04", "B05", "B06",
                         "B07", "B08", "B8A", "B09", "B11", "B12"};
  std::size_t patch_folders = 0;
  for (const auto& entry : fs::directory_iterator(root() / "BigEarthNet-v1.0")) {
    ++patch_folders;
    const std::string patch = entry.path().filename().string();
    std::set<std::string> files;
    for (const auto& file : fs::directory_iterator(entry.path()))
      files.insert(file.path().filename().string());
    std::set<std::string> expected = {patch + "_labels_metadata.json"};
    for (const char* band : bands) expected.insert(patch + "_" + band + ".tif");
    EXPECT_EQ(files, expected) << patch;
  }
  EXPECT_EQ(patch_folders, static_cast<std::size_t>(kPatches));
  EXPECT_FALSE(fs::exists(root() / "BigEarthNet-v1.0.partial"));
  EXPECT_EQ(summary_.files, static_cast<std::size_t>(kPatches * 13 + 3));
  // What reads the copy back: [dataset] root = <out>.
  ASSERT_EQ(summary_.dataset_params.size(), 1u);
  EXPECT_EQ(summary_.dataset_params[0].first, "root");
  EXPECT_EQ(nlohmann::json::parse(summary_.dataset_params[0].second), root().string());
}

TEST_F(SynthDataset, SplitFilesPartitionThePatchesWithoutHeader) {
  const std::regex line_form(
      R"(S2A_MSIL2A_20170613T101031_(\d+)_(\d+),S1A_IW_GRDH_1SDV_20170613T165043_33UUP_(\d+)_(\d+))");
  std::set<std::string> all;
  std::map<std::string, std::size_t> sizes;
  for (const char* split : {"train", "val", "test"}) {
    auto lines = read_lines(root() / (std::string("bigearthnet-") + split + ".csv"));
    sizes[split] = lines.size();
    for (const std::string& line : lines) {
      std::smatch match;
      ASSERT_TRUE(std::regex_match(line, match, line_form)) << line;
      EXPECT_EQ(match[1], match[3]);
      EXPECT_EQ(match[2], match[4]);
      std::string s2 = line.substr(0, line.find(','));
      EXPECT_TRUE(all.insert(s2).second) << s2 << " is in two splits";
      EXPECT_TRUE(fs::is_directory(root() / "BigEarthNet-v1.0" / s2));
    }
  }
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kPatches));
  EXPECT_EQ(sizes["val"], 5u);  // round(25 * 0.2)
  EXPECT_EQ(sizes["test"], 5u);
  EXPECT_EQ(sizes["train"], 15u);
  EXPECT_EQ(summary_.train, 15u);
  EXPECT_EQ(summary_.val, 5u);
  EXPECT_EQ(summary_.test, 5u);
}

TEST_F(SynthDataset, BandsAreUInt16GeoTiffsAtNativeSizeWithUtmGeoreference) {
  const std::string patch = synth_s2_patch_name(7);
  const fs::path folder = root() / "BigEarthNet-v1.0" / patch;
  for (const SynthBand& band : synth_bands()) {
    RasterFacts facts = raster_facts(folder / (patch + "_" + std::string(band.name) + ".tif"));
    SCOPED_TRACE(std::string(band.name));
    EXPECT_EQ(facts.width, band.size);
    EXPECT_EQ(facts.height, band.size);
    EXPECT_EQ(facts.bands, 1);
    EXPECT_EQ(facts.type, GDT_UInt16);
    ASSERT_TRUE(facts.has_geotransform);
    const double pixel = 1200.0 / band.size;  // 10, 20 or 60 m
    EXPECT_DOUBLE_EQ(facts.geotransform[1], pixel);
    EXPECT_DOUBLE_EQ(facts.geotransform[5], -pixel);
    EXPECT_DOUBLE_EQ(facts.geotransform[0], 399960.0 + 7 * 1200.0);
    EXPECT_DOUBLE_EQ(facts.geotransform[3], 5400000.0);
    EXPECT_NE(facts.projection.find("32633"), std::string::npos) << facts.projection;
  }
  std::size_t sidecars = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root()))
    if (entry.path().extension() == ".xml") ++sidecars;
  EXPECT_EQ(sidecars, 0u) << "no .aux.xml files";
}

TEST_F(SynthDataset, LabelFilesHaveTheV1Keys) {
  std::set<std::string> allowed;
  for (const SynthClass& c : synth_classes()) allowed.insert(std::string(c.name));
  for (int i = 0; i < kPatches; ++i) {
    const std::string patch = synth_s2_patch_name(i);
    auto json = nlohmann::json::parse(
        read_text(root() / "BigEarthNet-v1.0" / patch / (patch + "_labels_metadata.json")));
    ASSERT_TRUE(json.contains("labels"));
    ASSERT_TRUE(json["labels"].is_array());
    EXPECT_GE(json["labels"].size(), 1u);
    EXPECT_LE(json["labels"].size(), 3u);
    for (const auto& label : json["labels"]) EXPECT_TRUE(allowed.count(label.get<std::string>()));
    const auto& c = json.at("coordinates");
    EXPECT_EQ(c.at("lrx").get<double>() - c.at("ulx").get<double>(), 1200.0);
    EXPECT_EQ(c.at("uly").get<double>() - c.at("lry").get<double>(), 1200.0);
    EXPECT_NE(json.at("projection").get<std::string>().find("UTM zone 33N"), std::string::npos);
    EXPECT_FALSE(json.at("tile_source").get<std::string>().empty());
    EXPECT_EQ(json.at("acquisition_date").get<std::string>(), "2017-06-13 10:10:31");
  }
}

TEST(SynthDeterminism, SameSeedSameBytesWhateverTheThreadCount) {
  test::TempDir a, b, c;
  synthesize(a.path(), 12, 5, /*threads=*/1);
  synthesize(b.path(), 12, 5, /*threads=*/3);
  synthesize(c.path(), 12, 6, /*threads=*/1);
  EXPECT_EQ(tree_hash(a.path()), tree_hash(b.path()));
  EXPECT_NE(tree_hash(a.path()), tree_hash(c.path()));
}

TEST(SynthRequestCheck, RefusesFractionsThatLeaveNoTrainingPatch) {
  test::TempDir dir;
  SynthRequest request = request_for(dir.path(), 5);
  request.val_fraction = 0.5;
  request.test_fraction = 0.5;
  try {
    write_synthetic_bigearthnet(request, Params("synth"));
    FAIL() << "no patch left for training must be refused";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("no patch for training"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(dir.path() / "BigEarthNet-v1.0"));
}

TEST(SynthOverwrite, RefusesAnExistingDatasetUnlessAskedToReplaceIt) {
  test::TempDir dir;
  synthesize(dir.path(), 3, 1);
  try {
    synthesize(dir.path(), 3, 2);
    FAIL() << "an existing dataset must not be overwritten silently";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("already exists"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("--force"), std::string::npos) << e.what();
  }
  SynthRequest request = request_for(dir.path(), 4, 2);
  request.overwrite = true;
  write_synthetic_bigearthnet(request, Params("synth"));
  std::size_t folders = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path() / "BigEarthNet-v1.0"))
    ++folders;
  EXPECT_EQ(folders, 4u);
}

TEST(SynthFractions, ZeroFractionsPutEveryPatchInTrain) {
  test::TempDir dir;
  SynthRequest request = request_for(dir.path(), 7);
  request.val_fraction = 0.0;
  request.test_fraction = 0.0;
  SynthResult summary = write_synthetic_bigearthnet(request, Params("synth"));
  EXPECT_EQ(summary.train, 7u);
  EXPECT_EQ(read_lines(dir.path() / "bigearthnet-train.csv").size(), 7u);
  EXPECT_TRUE(read_lines(dir.path() / "bigearthnet-val.csv").empty());
}

}  // namespace
}  // namespace eorun::bigearthnet
