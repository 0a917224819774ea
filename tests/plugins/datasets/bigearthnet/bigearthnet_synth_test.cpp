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

#include "eorun/error.hpp"
#include "label_map.hpp"
#include "synth/synth_classes.hpp"
#include "support/gdal_read.hpp"
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

// tree_hash() of the copy of 3 patches with seed 5 written by bigearthnet 1.2.0 (before S1 and v2).
constexpr const char* kPinnedV1Hash =
    "e5cead3103bd594318e0ea2f4a0e69a4520f9ab752a137fd2228c576b2fbae8c";

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

using test::RasterFacts;
using test::raster_facts;

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

namespace eorun::bigearthnet {
namespace {

SynthResult synthesize_with(const fs::path& out, int patches, std::uint64_t seed, int version,
                            bool s1, int threads = 2) {
  Params options("synth");
  options.set("version", std::int64_t{version});
  options.set("s1", s1);
  return write_synthetic_bigearthnet(request_for(out, patches, seed, threads), options);
}

std::vector<std::string> files_in(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(SynthNames, V2NamesCarryTheProductAndTheTile) {
  EXPECT_EQ(synth_s2_patch_name(123, 2), "S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP_1_23");
  EXPECT_EQ(synth_s2_patch_name(123, 1), synth_s2_patch_name(123));
}

// The bytes version 1 wrote before Sentinel-1 and v2 were added (3 patches, seed 5): the same
// request still writes exactly them.
TEST(SynthDeterminism, VersionOneWithoutS1WritesWhatEarlierVersionsWrote) {
  test::TempDir dir;
  synthesize(dir.path(), 3, 5, /*threads=*/1);
  EXPECT_EQ(tree_hash(dir.path()), kPinnedV1Hash);
}

// Three copies of the same 20 patches (seed 11): v1 with S1 ("s1"), v1 S2 only ("s2") and v2
// with S1 ("v2").
class SynthCopies : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    with_s1_ = synthesize_with(dir_->path() / "s1", kPatches, 11, 1, true);
    synthesize(dir_->path() / "s2", kPatches, 11);
    v2_ = synthesize_with(dir_->path() / "v2", kPatches, 11, 2, true);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static fs::path copy(const char* name) { return dir_->path() / name; }

  static constexpr int kPatches = 20;
  static test::TempDir* dir_;
  static SynthResult with_s1_;
  static SynthResult v2_;
};
test::TempDir* SynthCopies::dir_ = nullptr;
SynthResult SynthCopies::with_s1_;
SynthResult SynthCopies::v2_;

TEST_F(SynthCopies, S1WritesVvVhAndALabelFilePerS1Patch) {
  EXPECT_EQ(with_s1_.layout, "BigEarthNet v1.0 Sentinel-2 and Sentinel-1 layout");
  EXPECT_EQ(with_s1_.files, static_cast<std::size_t>(kPatches * (13 + 3) + 3));
  EXPECT_FALSE(fs::exists(copy("s1") / "BigEarthNet-S1-v1.0.partial"));
  for (int i = 0; i < kPatches; ++i) {
    const std::string s1 = synth_s1_patch_name(i);
    const fs::path folder = copy("s1") / "BigEarthNet-S1-v1.0" / s1;
    EXPECT_EQ(files_in(folder), (std::vector<std::string>{s1 + "_VH.tif", s1 + "_VV.tif",
                                                          s1 + "_labels_metadata.json"}));
    const std::string s2 = synth_s2_patch_name(i);
    const RasterFacts s2_facts =
        raster_facts(copy("s1") / "BigEarthNet-v1.0" / s2 / (s2 + "_B02.tif"));
    for (const char* band : {"_VV.tif", "_VH.tif"}) {
      const RasterFacts facts = raster_facts(folder / (s1 + band));
      EXPECT_EQ(facts.width, 120);
      EXPECT_EQ(facts.height, 120);
      EXPECT_EQ(facts.bands, 1);
      EXPECT_EQ(facts.type, GDT_Float32);
      EXPECT_EQ(facts.geotransform, s2_facts.geotransform) << "on the S2 patch's 10 m grid";
    }
    const auto s1_json = nlohmann::json::parse(read_text(folder / (s1 + "_labels_metadata.json")));
    const auto s2_json = nlohmann::json::parse(
        read_text(copy("s1") / "BigEarthNet-v1.0" / s2 / (s2 + "_labels_metadata.json")));
    EXPECT_EQ(s1_json.at("corresponding_s2_patch"), s2);
    EXPECT_EQ(s1_json.at("labels"), s2_json.at("labels"));
    EXPECT_EQ(s1_json.at("coordinates"), s2_json.at("coordinates"));
  }
}

TEST_F(SynthCopies, S1TheS2PartIsTheSameAsWithoutS1) {
  EXPECT_EQ(tree_hash(copy("s1") / "BigEarthNet-v1.0"), tree_hash(copy("s2") / "BigEarthNet-v1.0"));
  for (const char* csv : {"bigearthnet-train.csv", "bigearthnet-val.csv", "bigearthnet-test.csv"})
    EXPECT_EQ(read_text(copy("s1") / csv), read_text(copy("s2") / csv));
}

TEST(SynthWithS1Determinism, SameSeedSameBytesWhateverTheThreadCount) {
  test::TempDir a, b;
  synthesize_with(a.path(), 5, 9, 1, true, 1);
  synthesize_with(b.path(), 5, 9, 1, true, 3);
  EXPECT_EQ(tree_hash(a.path()), tree_hash(b.path()));
}

TEST_F(SynthCopies, V2WritesTheTileTreesWithoutLabelFiles) {
  EXPECT_EQ(v2_.layout, "BigEarthNet v2 (reBEN) Sentinel-2 and Sentinel-1 layout");
  EXPECT_EQ(v2_.files, static_cast<std::size_t>(kPatches * (12 + 2) + 1));
  EXPECT_EQ(files_in(copy("v2")), (std::vector<std::string>{"BigEarthNet-S1", "BigEarthNet-S2",
                                                        "metadata.csv"}));
  EXPECT_EQ(files_in(copy("v2") / "BigEarthNet-S2"),
            (std::vector<std::string>{"S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP"}));
  EXPECT_EQ(files_in(copy("v2") / "BigEarthNet-S1"),
            (std::vector<std::string>{"S1A_IW_GRDH_1SDV_20170613T165043"}));
  const std::string patch = "S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP_0_7";
  const fs::path folder = copy("v2") / "BigEarthNet-S2" / "S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP" / patch;
  std::vector<std::string> expected;
  for (const SynthBand& band : synth_bands()) expected.push_back(patch + "_" + std::string(band.name) + ".tif");
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(files_in(folder), expected);
  EXPECT_EQ(raster_facts(folder / (patch + "_B05.tif")).width, 60);
  const std::string s1 = "S1A_IW_GRDH_1SDV_20170613T165043_33UUP_0_7";
  EXPECT_EQ(raster_facts(copy("v2") / "BigEarthNet-S1" / "S1A_IW_GRDH_1SDV_20170613T165043" / s1 /
                         (s1 + "_VH.tif")).type,
            GDT_Float32);
  ASSERT_EQ(v2_.dataset_params.size(), 2u);
  EXPECT_EQ(v2_.dataset_params[1], (std::pair<std::string, std::string>{"version", "2"}));
}

TEST_F(SynthCopies, V2MetadataHasQuotedNineteenClassLabelsAndRebenSplitNames) {
  const std::vector<std::string> lines = read_lines(copy("v2") / "metadata.csv");
  ASSERT_EQ(lines.size(), static_cast<std::size_t>(kPatches + 1));
  EXPECT_EQ(lines[0], "patch_id,s1_name,split,labels");
  std::map<std::string, std::size_t> splits;
  std::size_t quoted = 0;
  for (int i = 0; i < kPatches; ++i) {
    const std::string& line = lines[static_cast<std::size_t>(i) + 1];
    const std::string prefix = synth_s2_patch_name(i, 2) + "," + synth_s1_patch_name(i) + ",";
    ASSERT_EQ(line.rfind(prefix, 0), 0u) << line;
    const std::string rest = line.substr(prefix.size());
    const std::string split = rest.substr(0, rest.find(','));
    ++splits[split];
    std::string labels = rest.substr(split.size() + 1);
    if (labels.find(',') != std::string::npos) {
      ASSERT_EQ(labels.front(), '"') << line;
      ASSERT_EQ(labels.back(), '"') << line;
      labels = labels.substr(1, labels.size() - 2);
      ++quoted;
    } else {
      EXPECT_EQ(labels.find('"'), std::string::npos) << "quoted only when needed: " << line;
    }
    // The 19-class names of the same patch's 43-class labels in a v1 copy of the same seed.
    const std::string v1 = synth_s2_patch_name(i);
    const auto v1_json = nlohmann::json::parse(
        read_text(copy("s2") / "BigEarthNet-v1.0" / v1 / (v1 + "_labels_metadata.json")));
    std::vector<int> expected;
    for (const auto& name : v1_json.at("labels"))
      expected.push_back(clc43_to_19()[static_cast<std::size_t>(*clc43_index(name.get<std::string>()))]);
    std::sort(expected.begin(), expected.end());
    std::string joined;
    for (int k : expected) joined += (joined.empty() ? "" : ";") + std::string(clc19_names()[static_cast<std::size_t>(k)]);
    EXPECT_EQ(labels, joined) << line;
  }
  EXPECT_GT(quoted, 0u) << "some rows hold 'Transitional woodland, shrub'";
  EXPECT_EQ(splits, (std::map<std::string, std::size_t>{{"test", 4}, {"train", 12}, {"validation", 4}}));
  EXPECT_EQ(v2_.val, 4u);
}

TEST(SynthV2Determinism, SameSeedSameBytesWhateverTheThreadCount) {
  test::TempDir a, b;
  synthesize_with(a.path(), 5, 9, 2, true, 1);
  synthesize_with(b.path(), 5, 9, 2, true, 3);
  EXPECT_EQ(tree_hash(a.path()), tree_hash(b.path()));
}

TEST(SynthOverwrite, ReplacingACopyRemovesItsS1Folder) {
  test::TempDir dir;
  synthesize_with(dir.path(), 3, 1, 1, true);
  const std::string message = [&] {
    try {
      synthesize_with(dir.path(), 3, 1, 1, false);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  }();
  EXPECT_NE(message.find("already exists"), std::string::npos) << message;
  SynthRequest request = request_for(dir.path(), 3, 1);
  request.overwrite = true;
  write_synthetic_bigearthnet(request, Params("synth"));
  EXPECT_FALSE(fs::exists(dir.path() / "BigEarthNet-S1-v1.0")) << "no stale S1 patches";
}

}  // namespace
}  // namespace eorun::bigearthnet
