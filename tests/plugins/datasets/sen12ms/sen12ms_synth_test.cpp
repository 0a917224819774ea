// The synth hook: the exact layout, file formats, scene-disjoint lists, determinism whatever the
// thread count, the damaged triplets, and counts that match what the reader serves.
#include "synth/sen12ms_synth.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "sen12ms_dataset.hpp"
#include "sen12ms_test_support.hpp"
#include "triplet_file.hpp"

namespace eorun::sen12ms {
namespace {

namespace fs = std::filesystem;
using namespace test_support;

TEST(Sen12msSynth, WritesTheExactLayout) {
  SynthRoot root(SynthSettings{12, 16});
  const auto train = root.listed("train_list.txt");
  const auto test = root.listed("test_list.txt");
  EXPECT_EQ(train.size() + test.size(), 12u);
  for (const std::string& line : lines(root.path() / "train_list.txt"))
    EXPECT_EQ(line.substr(line.size() - 4), ".tif") << "official lists name s2 files";
  std::set<std::string> train_scenes, test_scenes;
  for (const PatchName& name : train) train_scenes.insert(name.scene_key());
  for (const PatchName& name : test) test_scenes.insert(name.scene_key());
  for (const std::string& scene : test_scenes) EXPECT_EQ(train_scenes.count(scene), 0u) << scene;
  EXPECT_EQ(train_scenes.size() + test_scenes.size(), 3u);

  std::set<std::string> seasons;
  for (const auto& entry : fs::directory_iterator(root.path()))
    seasons.insert(entry.path().filename().string());
  EXPECT_EQ(seasons, (std::set<std::string>{"ROIs1158_spring", "ROIs1868_summer", "ROIs1970_fall",
                                            "test_list.txt", "train_list.txt"}))
      << "nothing else, no temporary folder";

  const PatchName& first = train.front();
  const struct {
    Modality modality;
    int bands;
    const char* type;
  } files[] = {{Modality::s2, 13, "UInt16"}, {Modality::s1, 2, "Float32"}, {Modality::lc, 4, "UInt16"}};
  for (const auto& expected : files) {
    const support::RasterFile file = open_triplet_file(root.path(), first, expected.modality);
    EXPECT_EQ(file.shape().width, 16);
    EXPECT_EQ(file.shape().height, 16);
    EXPECT_EQ(file.shape().bands, expected.bands);
    EXPECT_EQ(file.shape().data_type, expected.type);
  }
  EXPECT_TRUE(fs::is_regular_file(root.path() / first.roi / ("s1_" + first.scene) /
                                  (first.roi + "_s1_" + first.scene + "_p" + first.patch + ".tif")));
}

TEST(Sen12msSynth, PixelsShowTheLandCoverAndRadarHasAFewNans) {
  SynthRoot root(SynthSettings{6, 16});
  std::size_t nans = 0;
  for (const PatchName& name : root.listed("train_list.txt")) {
    const support::RasterFile lc = open_triplet_file(root.path(), name, Modality::lc);
    const support::RasterFile s2 = open_triplet_file(root.path(), name, Modality::s2);
    const support::RasterFile s1 = open_triplet_file(root.path(), name, Modality::s1);
    std::vector<float> classes(256), b04(256), b08(256), vv(512);
    lc.read_band(1, classes.data(), 16, 16);
    s2.read_band(4, b04.data(), 16, 16);
    s2.read_band(8, b08.data(), 16, 16);
    s1.read_bands({1, 2}, vv.data(), 16, 16);
    for (float value : vv) nans += std::isnan(value) ? 1 : 0;
    for (std::size_t i = 0; i < 256; ++i) {
      ASSERT_GE(classes[i], 1.0f);
      ASSERT_LE(classes[i], 17.0f);
      // Water (17) is dark in the near infrared, vegetation bright.
      if (classes[i] == 17.0f) {
        EXPECT_LT(b08[i], 600.0f) << name.id();
      }
      if (classes[i] >= 1.0f && classes[i] <= 5.0f) {
        EXPECT_GT(b08[i], 2 * b04[i]) << name.id();
      }
    }
  }
  EXPECT_GT(nans, 0u);
  EXPECT_LE(nans, 3u * root.listed("train_list.txt").size());
}

TEST(Sen12msSynth, SameRequestSameBytesWhateverTheThreads) {
  SynthSettings one{9, 16, 1};
  one.threads = 1;
  SynthSettings three = one;
  three.threads = 3;
  SynthRoot a(one), b(three);
  for (const char* list : {"train_list.txt", "test_list.txt"})
    EXPECT_EQ(read_text(a.path() / list), read_text(b.path() / list)) << list;
  for (const PatchName& name : a.listed("train_list.txt"))
    for (Modality modality : {Modality::s1, Modality::s2, Modality::lc})
      EXPECT_EQ(read_text(name.file(a.path(), modality)), read_text(name.file(b.path(), modality)))
          << name.stem(modality);
  SynthRoot other(SynthSettings{9, 16, 1, 4});
  const PatchName name = other.listed("train_list.txt").front();
  EXPECT_NE(read_text(name.file(a.path(), Modality::s2)), read_text(name.file(other.path(), Modality::s2)))
      << "another seed, other pixels";
}

TEST(Sen12msSynth, CountsAreWhatTheReaderServes) {
  SynthRoot root(SynthSettings{20, 8, 2});
  const SynthResult& result = root.result();
  Sen12msOptions options = make_options(root.path(), "train", "s1s2");
  options.val_fraction = 0.2;
  std::size_t skipped = 0;
  std::size_t served[3];
  const char* splits[] = {"train", "val", "test"};
  for (int s = 0; s < 3; ++s) {
    options.split = splits[s];
    const Sen12msDataset dataset(options);
    served[s] = dataset.size();
    skipped += dataset.skipped();
  }
  EXPECT_EQ(result.train, served[0]);
  EXPECT_EQ(result.val, served[1]);
  EXPECT_EQ(result.test, served[2]);
  EXPECT_EQ(skipped, 2u) << "the two damaged triplets";
  EXPECT_EQ(result.files, 22u * 3 + 2);
  EXPECT_EQ(result.layout, "SEN12MS triplets, 8x8 px, 2 damaged");
  ASSERT_EQ(result.dataset_params.size(), 2u);
  EXPECT_EQ(result.dataset_params[0].first, "root");
  EXPECT_EQ(result.dataset_params[1], (std::pair<std::string, std::string>{"val_fraction", "0.2"}));
}

TEST(Sen12msSynth, RefusesToOverwriteWithoutTheFlag) {
  SynthRoot root(SynthSettings{3, 8});
  SynthRequest request;
  request.out = root.path().string();
  request.samples = 3;
  Params options("synth");
  options.set("size", std::int64_t{8});
  options.set("damaged", std::int64_t{0});
  const std::string error = test_support::error_of([&] { write_synthetic_sen12ms(request, options); });
  EXPECT_NE(error.find("--out: '" + (root.path() / "ROIs1158_spring").string() + "' already exists"),
            std::string::npos)
      << error;
  request.overwrite = true;
  request.seed = 9;
  EXPECT_NO_THROW(write_synthetic_sen12ms(request, options));
}

}  // namespace
}  // namespace eorun::sen12ms
