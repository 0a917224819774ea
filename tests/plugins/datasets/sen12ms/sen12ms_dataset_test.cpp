// The dataset: channel order against the files, radar clean-up, labels from the land-cover
// patch, the carved validation split, groups, the manifest and the damaged-triplet report.
#include "sen12ms_dataset.hpp"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "sen12ms_test_support.hpp"
#include "triplet_file.hpp"

namespace eorun::sen12ms {
namespace {

namespace fs = std::filesystem;
using namespace test_support;

// Band `band` (1-based) of the `modality` file of `name`, as stored.
at::Tensor file_band(const fs::path& root, const PatchName& name, Modality modality, int band) {
  const support::RasterFile file = open_triplet_file(root, name, modality);
  at::Tensor out = at::empty({file.shape().height, file.shape().width}, at::kFloat);
  file.read_band(band, out.data_ptr<float>(), file.shape().width, file.shape().height);
  return out;
}

class Sen12msSynthData : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { root_ = new SynthRoot(SynthSettings{}); }
  static void TearDownTestSuite() {
    delete root_;
    root_ = nullptr;
  }
  static SynthRoot* root_;
};
SynthRoot* Sen12msSynthData::root_ = nullptr;

TEST_F(Sen12msSynthData, EveryPresetReadsItsBandsFromTheRightFileBands) {
  // DOMAIN.md: s2 file bands B01..B08, B8A (9th), B09, B10, B11, B12; s1 file bands VV, VH.
  const std::map<std::string, std::vector<std::pair<Modality, int>>> presets = {
      {"s2", {{Modality::s2, 2}, {Modality::s2, 3}, {Modality::s2, 4}, {Modality::s2, 5},
              {Modality::s2, 6}, {Modality::s2, 7}, {Modality::s2, 8}, {Modality::s2, 9},
              {Modality::s2, 12}, {Modality::s2, 13}}},
      {"rgb", {{Modality::s2, 4}, {Modality::s2, 3}, {Modality::s2, 2}}},
      {"rgb_reference", {{Modality::s2, 2}, {Modality::s2, 3}, {Modality::s2, 4}}},
      {"s2_all", {{Modality::s2, 1}, {Modality::s2, 2}, {Modality::s2, 3}, {Modality::s2, 4},
                  {Modality::s2, 5}, {Modality::s2, 6}, {Modality::s2, 7}, {Modality::s2, 8},
                  {Modality::s2, 9}, {Modality::s2, 10}, {Modality::s2, 11}, {Modality::s2, 12},
                  {Modality::s2, 13}}},
      {"s1", {{Modality::s1, 1}, {Modality::s1, 2}}},
  };
  for (const auto& [preset, sources] : presets) {
    Sen12msOptions options = make_options(root_->path(), "test", preset);
    options.s1_clip = false;
    Sen12msDataset dataset(options);
    ASSERT_GT(dataset.size(), 0u);
    const Sample sample = dataset.get(0);
    ASSERT_EQ(sample.inputs.size(), 1u);
    const at::Tensor& input = sample.inputs[0];
    ASSERT_EQ(input.size(0), static_cast<std::int64_t>(sources.size())) << preset;
    EXPECT_EQ(input.size(1), 16);
    EXPECT_EQ(dataset.info().inputs[0].shape, (std::vector<std::int64_t>{input.size(0), 16, 16}));
    for (std::size_t c = 0; c < sources.size(); ++c) {
      at::Tensor expected =
          file_band(root_->path(), dataset.patch(0), sources[c].first, sources[c].second);
      if (sources[c].first == Modality::s1) expected = at::nan_to_num(expected, 0.0);
      EXPECT_TRUE(at::equal(input[static_cast<std::int64_t>(c)], expected))
          << preset << " channel " << c;
    }
  }
}

TEST_F(Sen12msSynthData, S1S2StacksTheTenS2BandsThenVvVh) {
  Sen12msDataset s1s2(make_options(root_->path(), "test", "s1s2"));
  Sen12msDataset s2(make_options(root_->path(), "test", "s2"));
  Sen12msDataset s1(make_options(root_->path(), "test", "s1"));
  EXPECT_EQ(s1s2.info().inputs[0].name, "s1s2");
  EXPECT_EQ(s2.info().inputs[0].name, "s2");
  EXPECT_EQ(s1.info().inputs[0].name, "s1");
  EXPECT_EQ(s1s2.info().inputs[0].resolution_m, 10.0);
  const at::Tensor both = s1s2.get(1).inputs[0];
  EXPECT_TRUE(at::equal(both, at::cat({s2.get(1).inputs[0], s1.get(1).inputs[0]})));
}

TEST(Sen12msRadar, NanBecomesZeroThenTheClipApplies) {
  HandRoot root;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::vector<float> s1(200, -10.0f);
  s1[0] = nan;      // VV
  s1[1] = -30.0f;
  s1[2] = 3.0f;
  s1[100] = nan;    // VH
  s1[101] = -12.5f;
  const PatchName name = root.add("1", "1", {}, s1);
  root.list("train_list.txt", {name});
  for (bool clip : {true, false}) {
    Sen12msOptions options = make_options(root.path(), "train", "s1");
    options.val_fraction = 0;
    options.s1_clip = clip;
    const at::Tensor input = Sen12msDataset(options).get(0).inputs[0];
    EXPECT_FALSE(at::isnan(input).any().item<bool>());
    EXPECT_EQ(input[0][0][0].item<float>(), 0.0f);
    EXPECT_EQ(input[0][0][1].item<float>(), clip ? -25.0f : -30.0f);
    EXPECT_EQ(input[0][0][2].item<float>(), clip ? 0.0f : 3.0f);
    EXPECT_EQ(input[0][0][3].item<float>(), -10.0f);
    EXPECT_EQ(input[1][0][0].item<float>(), 0.0f);
    EXPECT_EQ(input[1][0][1].item<float>(), -12.5f);
  }
}

TEST(Sen12msBandOrder, TheNinthS2BandIsB8A) {
  HandRoot root;  // s2 band b holds b * 100 + pixel
  const PatchName name = root.add("1", "1");
  root.list("train_list.txt", {name});
  Sen12msOptions options = make_options(root.path(), "train");
  options.val_fraction = 0;
  options.bands = bands_from_list({"B8A", "B08", "B09", "B10", "B12", "B01"});
  const at::Tensor input = Sen12msDataset(options).get(0).inputs[0];
  const float expected[] = {900, 800, 1000, 1100, 1300, 100};
  for (std::int64_t c = 0; c < 6; ++c)
    EXPECT_EQ(input[c][0][0].item<float>(), expected[c]) << options.bands.bands[c];
  EXPECT_EQ(input[0][9][9].item<float>(), 999.0f);
}

// A root whose train list holds one hand-written triplet per lc patch in `patches`.
struct LabelRoot {
  explicit LabelRoot(const std::vector<std::vector<std::uint16_t>>& patches) {
    for (std::size_t i = 0; i < patches.size(); ++i)
      names.push_back(root.add("1", std::to_string(i + 1), patches[i]));
    root.list("train_list.txt", names);
  }
  Sen12msDataset make(Nomenclature igbp, LabelType type, double threshold = 0.1) const {
    Sen12msOptions options = make_options(root.path(), "train");
    options.val_fraction = 0;
    options.igbp = igbp;
    options.label_type = type;
    options.threshold = threshold;
    return Sen12msDataset(options);
  }
  HandRoot root;
  std::vector<PatchName> names;
};

std::vector<std::uint16_t> uniform_lc(int code) { return std::vector<std::uint16_t>(100, static_cast<std::uint16_t>(code)); }

TEST(Sen12msLabels, EveryIgbpCodeInBothNomenclatures) {
  std::vector<std::vector<std::uint16_t>> patches;
  for (int code = 1; code <= 17; ++code) patches.push_back(uniform_lc(code));
  const LabelRoot data(patches);
  const Sen12msDataset full = data.make(Nomenclature::full, LabelType::single);
  const Sen12msDataset simple = data.make(Nomenclature::simplified, LabelType::single);
  const Sen12msDataset multi = data.make(Nomenclature::simplified, LabelType::multi);
  ASSERT_EQ(full.size(), 17u);
  EXPECT_EQ(full.info().task, Task::single_label);
  EXPECT_EQ(full.info().class_names.size(), 17u);
  EXPECT_EQ(simple.info().class_names.size(), 10u);
  const std::int64_t simplified[17] = {0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 4, 5, 6, 5, 7, 8, 9};
  for (std::int64_t code = 1; code <= 17; ++code) {
    const auto i = static_cast<std::size_t>(code - 1);
    const at::Tensor target = full.target(i);
    EXPECT_EQ(target.scalar_type(), at::kLong);
    EXPECT_EQ(target.dim(), 0);
    EXPECT_EQ(target.item<std::int64_t>(), code - 1) << "IGBP " << code;
    EXPECT_EQ(simple.target(i).item<std::int64_t>(), simplified[i]) << "IGBP " << code;
    at::Tensor hot = at::zeros({10}, at::kFloat);
    hot[simplified[i]] = 1.0f;
    EXPECT_TRUE(at::equal(multi.target(i), hot)) << "IGBP " << code;
    EXPECT_TRUE(at::equal(multi.get(i).target, hot));
  }
}

TEST(Sen12msLabels, FractionsIgnoreValuesThatAreNoClass) {
  // An lc value outside 1..17 is not in the class list: DOMAIN says ignore it.
  std::vector<std::uint16_t> lc(100, 0);             // 0: no data
  std::fill(lc.begin(), lc.begin() + 45, 17);       // 45 water
  std::fill(lc.begin() + 45, lc.begin() + 50, 13);  // 5 urban: 0.1 of the 50 valid pixels
  std::fill(lc.begin() + 50, lc.begin() + 60, 255);
  std::fill(lc.begin() + 60, lc.begin() + 70, 18);
  const LabelRoot data({lc, uniform_lc(0), uniform_lc(3)});
  const Sen12msDataset dataset = data.make(Nomenclature::full, LabelType::multi);
  ASSERT_EQ(dataset.size(), 2u) << "the patch without a valid pixel is skipped";
  std::vector<double> expected(17, 0.0);
  expected[16] = 0.9;
  expected[12] = 0.1;
  EXPECT_EQ(dataset.fractions(0), expected);
  at::Tensor hot = at::zeros({17}, at::kFloat);
  hot[12] = 1.0f;
  hot[16] = 1.0f;
  EXPECT_TRUE(at::equal(dataset.target(0), hot)) << "0.1 reaches the threshold";
  EXPECT_EQ(dataset.sample_id(1), data.names[2].id());
  ASSERT_EQ(dataset.info().notes.size(), 1u);
  EXPECT_CONTAINS(dataset.info().notes[0], "skipped 1 of 3 samples of the train split");
  EXPECT_CONTAINS(dataset.info().notes[0], data.names[1].id());
  EXPECT_CONTAINS(dataset.info().notes[0], "has no pixel with an IGBP class (1..17)");
}

TEST(Sen12msLabels, ThresholdMergingAndTies) {
  std::vector<std::uint16_t> croplands(100, 5);  // 12 and 14: 0.06 each, Croplands 0.12
  std::fill(croplands.begin(), croplands.begin() + 6, 12);
  std::fill(croplands.begin() + 6, croplands.begin() + 12, 14);
  std::vector<std::uint16_t> tie(100, 17);  // 50 Water, 50 Grassland
  std::fill(tie.begin(), tie.begin() + 50, 10);
  const LabelRoot data({croplands, tie});
  const auto full = data.make(Nomenclature::full, LabelType::multi);
  at::Tensor forest = at::zeros({17}, at::kFloat);
  forest[4] = 1.0f;
  EXPECT_TRUE(at::equal(full.target(0), forest));
  const auto simple = data.make(Nomenclature::simplified, LabelType::multi);
  at::Tensor both = at::zeros({10}, at::kFloat);
  both[0] = 1.0f;
  both[5] = 1.0f;
  EXPECT_TRUE(at::equal(simple.target(0), both)) << "threshold after simplification";
  const auto strict = data.make(Nomenclature::simplified, LabelType::multi, 0.13);
  EXPECT_EQ(strict.target(0).sum().item<float>(), 1.0f);
  EXPECT_EQ(data.make(Nomenclature::full, LabelType::single).target(1).item<std::int64_t>(), 9);
  EXPECT_EQ(data.make(Nomenclature::simplified, LabelType::single).target(1).item<std::int64_t>(),
            3);
}

TEST_F(Sen12msSynthData, TargetsAreTheLcPatchFractions) {
  Sen12msDataset dataset(make_options(root_->path(), "test"));
  for (std::size_t i = 0; i < dataset.size(); ++i) {
    const at::Tensor lc = file_band(root_->path(), dataset.patch(i), Modality::lc, 1);
    std::vector<double> shares(10, 0.0);
    for (std::int64_t k = 1; k <= 17; ++k)
      shares[static_cast<std::size_t>(simplified_index(static_cast<int>(k)))] +=
          lc.eq(static_cast<double>(k)).sum().item<double>() / static_cast<double>(lc.numel());
    at::Tensor hot = at::zeros({10}, at::kFloat);
    for (std::size_t k = 0; k < 10; ++k)
      if (shares[k] >= 0.1 - 1e-12) hot[static_cast<std::int64_t>(k)] = 1.0f;
    EXPECT_TRUE(at::equal(dataset.target(i), hot)) << dataset.sample_id(i);
    EXPECT_TRUE(at::equal(dataset.get(i).target, hot));
  }
}

TEST_F(Sen12msSynthData, ValIsCarvedFromTrainByWholeScenes) {
  SynthRoot root(SynthSettings{30, 8});  // 5 scenes, one of them test
  auto scenes_of = [](const Sen12msDataset& d) {
    std::set<std::string> scenes;
    for (std::size_t i = 0; i < d.size(); ++i) scenes.insert(d.group(i, "scene"));
    return scenes;
  };
  auto ids_of = [](const Sen12msDataset& d) {
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < d.size(); ++i) ids.push_back(d.sample_id(i));
    return ids;
  };
  Sen12msOptions train_options = make_options(root.path(), "train");
  train_options.val_fraction = 0.3;
  Sen12msOptions val_options = train_options;
  val_options.split = "val";
  const Sen12msDataset train(train_options), val(val_options);
  ASSERT_GT(val.size(), 0u);
  ASSERT_GT(train.size(), 0u);
  EXPECT_GE(static_cast<double>(val.size()), 0.3 * static_cast<double>(train.size() + val.size()));
  for (const std::string& scene : scenes_of(val)) EXPECT_EQ(scenes_of(train).count(scene), 0u) << scene;
  std::set<std::string> all;
  for (const auto& id : ids_of(train)) all.insert(id);
  for (const auto& id : ids_of(val)) all.insert(id);
  std::set<std::string> listed;
  for (const PatchName& name : root.listed("train_list.txt")) listed.insert(name.id());
  EXPECT_EQ(all, listed);
  EXPECT_EQ(ids_of(Sen12msDataset(val_options)), ids_of(val)) << "deterministic";
  EXPECT_CONTAINS(val.info().notes.at(0), "val split: the ");
  EXPECT_CONTAINS(val.info().notes.at(0), "carved by scene (val_fraction 0.3, split_seed 0)");
  EXPECT_CONTAINS(train.info().notes.at(0), "train split: 'train_list.txt' less the ");
  EXPECT_EQ(train.group(0, "tile"), "");
  EXPECT_EQ(train.group(0, "scene"), train.patch(0).scene_key());
}

TEST_F(Sen12msSynthData, AValListOfItsOwnIsReadAsIs) {
  // An eorun split list: sample ids, one per line.
  const auto test_names = root_->listed("test_list.txt");
  test_support::write_text(root_->path() / "my_val.txt", test_names[1].id() + "\n" + test_names[0].id() + "\n");
  Sen12msOptions options = make_options(root_->path(), "val");
  options.split_val = "my_val.txt";
  const Sen12msDataset val(options);
  ASSERT_EQ(val.size(), 2u);
  EXPECT_EQ(val.sample_id(0), test_names[1].id());
  EXPECT_EQ(val.sample_id(1), test_names[0].id());
  EXPECT_TRUE(val.info().notes.empty());
  options.split = "train";
  EXPECT_EQ(Sen12msDataset(options).size(), root_->listed("train_list.txt").size())
      << "with a val list, train is the whole train list";
}

TEST_F(Sen12msSynthData, ManifestListsTheListAndTheFilesTheSelectionReads) {
  Sen12msDataset s2(make_options(root_->path(), "test"));
  const auto files = s2.manifest();
  ASSERT_EQ(files.size(), 1 + 2 * s2.size());
  EXPECT_EQ(files[0], (root_->path() / "test_list.txt").string());
  EXPECT_EQ(files[1], s2.patch(0).file(root_->path(), Modality::s2).string());
  EXPECT_EQ(files[2], s2.patch(0).file(root_->path(), Modality::lc).string());
  Sen12msDataset s1s2(make_options(root_->path(), "test", "s1s2"));
  EXPECT_EQ(s1s2.manifest().size(), 1 + 3 * s1s2.size());
  EXPECT_EQ(s1s2.manifest()[2], s1s2.patch(0).file(root_->path(), Modality::s1).string());
}

TEST_F(Sen12msSynthData, ReferenceStatsAndNoNotesForCleanData) {
  Sen12msDataset rgb(make_options(root_->path(), "test", "rgb"));
  EXPECT_EQ(rgb.info().band_names(), (std::vector<std::string>{"B04", "B03", "B02"}));
  EXPECT_EQ(rgb.info().reference.mean, (std::vector<double>{1139.6792, 1137.3799, 1226.4215}));
  EXPECT_TRUE(rgb.info().notes.empty());
  EXPECT_TRUE(Sen12msDataset(make_options(root_->path(), "test", "s2_all")).info().reference.empty());
}

TEST(Sen12msDamaged, ATruncatedS1FileIsSkippedWithANoteNotACrash) {
  SynthRoot root(SynthSettings{12, 16, 1});
  Sen12msOptions options = make_options(root.path(), "train", "s1s2");
  options.val_fraction = 0;
  const std::size_t listed = root.listed("train_list.txt").size();
  const Sen12msDataset dataset(options);
  EXPECT_EQ(dataset.skipped(), 1u);
  EXPECT_EQ(dataset.size(), listed - 1);
  ASSERT_EQ(dataset.info().notes.size(), 1u);
  const std::string& note = dataset.info().notes[0];
  EXPECT_CONTAINS(note, "skipped 1 of " + std::to_string(listed) + " samples of the train split");
  const PatchName damaged = root.listed("train_list.txt").back();  // the synth lists it last
  EXPECT_CONTAINS(note, ": " + damaged.id() + " (s1 file '" +
                            damaged.file(root.path(), Modality::s1).string() + "' ");
  for (std::size_t i = 0; i < dataset.size(); ++i) EXPECT_NO_THROW(dataset.get(i));
  // The manifest still names the skipped triplet's files: they decide what is served.
  EXPECT_EQ(dataset.manifest().size(), 1 + 3 * listed);

  // An s2-only selection reads no s1 file, so the triplet serves.
  Sen12msOptions s2 = options;
  s2.bands = bands_from_preset("s2");
  EXPECT_EQ(Sen12msDataset(s2).size(), listed);
}

}  // namespace
}  // namespace eorun::sen12ms
