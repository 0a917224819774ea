// `eorun predict` end to end: a small single-label run trained by the real binary on synthetic
// data, then a scene tiled from that run's own test patches (bands in another order than the
// run's, with a projection and a geotransform) so that each window of stride = window size lands
// on one patch. The classes and scores of predict must be those the run itself wrote for those
// patches (predictions.csv: same normalisation, same weights), with the georeference scaled by
// the stride. Each bad input exits 2 with a clear message and leaves nothing in --out; Ctrl-C
// exits 130 and leaves nothing either.
#include <gtest/gtest.h>

#include <gdal.h>
#include <ogr_srs_api.h>
#include <signal.h>

#include <array>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "registry/registry.hpp"
#include "support/error_text.hpp"
#include "support/gdal_read.hpp"
#include "support/geotiff_writer.hpp"
#include "support/run_eorun.hpp"
#include "support/running_eorun.hpp"
#include "support/temp_dir.hpp"
#include "synthetic_dataset.hpp"

namespace eorun {
namespace {

using test::CommandResult;
using test::run_eorun;

constexpr int kSide = 16;     // the patches' and the model's window side
constexpr int kClasses = 3;
constexpr int kTest = 12;     // test patches, tiled 4 x 3 into the scene
constexpr int kColumns = 4, kRows = 3;
const std::vector<std::string> kRunBands = {"B02", "B03", "B04", "B08"};
// The scene's band order: another than the run's, so that the mapping by name is exercised.
const std::vector<std::string> kSceneBands = {"B08", "B04", "B02", "B03"};
constexpr std::array<double, 6> kGeotransform = {500000.0, 10.0, 0.0, 5200000.0, 0.0, -10.0};

std::string dataset_section(int train, double noise) {
  std::ostringstream toml;
  toml << "[dataset]\nplugin = \"synthetic\"\ntask = \"single_label\"\nclasses = " << kClasses
       << "\nbands = [\"B02\", \"B03\", \"B04\", \"B08\"]\nsize = " << kSide << "\ntrain = " << train
       << "\nval = 24\ntest = " << kTest << "\nnoise = " << noise << "\nnormalize = \"train_stats\"\n";
  return toml.str();
}

// The run's test patches as the plugin makes them.
synthetic::SyntheticDataset test_split() {
  synthetic::SyntheticOptions options;
  options.task = Task::single_label;
  options.classes = kClasses;
  options.bands = kRunBands;
  options.size = kSide;
  options.samples = kTest;
  options.noise = 0.3;
  options.split = "test";
  return synthetic::SyntheticDataset(options);
}

support::Georeference scene_georeference() { return {kGeotransform, support::kUtm33nWkt}; }

// Band-major pixels of a width x height scene with kSceneBands, filled by `value(band, x, y)`.
template <class Value>
std::vector<float> scene_pixels(int width, int height, Value value) {
  std::vector<float> pixels;
  for (const std::string& band : kSceneBands) {
    const std::size_t b = static_cast<std::size_t>(
        std::find(kRunBands.begin(), kRunBands.end(), band) - kRunBands.begin());
    for (int y = 0; y < height; ++y)
      for (int x = 0; x < width; ++x) pixels.push_back(value(b, x, y));
  }
  return pixels;
}

bool same_projection(const std::string& a, const std::string& b) {
  OGRSpatialReferenceH ra = OSRNewSpatialReference(a.c_str());
  OGRSpatialReferenceH rb = OSRNewSpatialReference(b.c_str());
  const bool same = ra != nullptr && rb != nullptr && OSRIsSame(ra, rb);
  OSRDestroySpatialReference(ra);
  OSRDestroySpatialReference(rb);
  return same;
}

// predictions.csv: id -> class scores.
std::map<std::string, std::vector<double>> read_predictions(const std::filesystem::path& path) {
  std::map<std::string, std::vector<double>> scores;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string id, field;
    std::getline(fields, id, ',');
    for (int k = 0; k < kClasses && std::getline(fields, field, ','); ++k) scores[id].push_back(std::stod(field));
  }
  return scores;
}

class PredictCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<test::TempDir>();
    std::ofstream(dir_->path() / "run.toml")
        << dataset_section(96, 0.3)
        << "[model]\nplugin = \"shortcnn\"\ninput_size = 16\n[loss]\nplugin = \"cross_entropy\"\n"
           "[train]\nepochs = 3\nbatch_size = 16\nthreads = 2\nseed = 3\n";
    const CommandResult trained =
        run_eorun({"--registry", registry().string(), "run", "run.toml", "--no-progress"}, dir_->path());
    ASSERT_EQ(trained.exit_code, 0) << trained.out << trained.err;
    Registry reg = Registry::open(registry());
    ASSERT_EQ(reg.run_ids().size(), 1u);
    run_id_ = reg.run_ids().front();
    record_ = std::make_unique<RunRecord>(*reg.load_run_record(run_id_));
    ASSERT_TRUE(record_->predictions.has_value());

    // The scene: test patch k at column k % 4, row k / 4.
    const synthetic::SyntheticDataset patches = test_split();
    std::vector<at::Tensor> inputs;
    for (int k = 0; k < kTest; ++k) inputs.push_back(patches.get(static_cast<std::size_t>(k)).inputs.at(0).contiguous());
    const std::vector<float> pixels = scene_pixels(kColumns * kSide, kRows * kSide, [&](std::size_t b, int x, int y) {
      const at::Tensor& patch = inputs[static_cast<std::size_t>((y / kSide) * kColumns + x / kSide)];
      return patch.data_ptr<float>()[(b * kSide + y % kSide) * kSide + x % kSide];
    });
    support::write_geotiff(dir_->path() / "scene.tif", pixels, kColumns * kSide, kRows * kSide,
                           static_cast<int>(kSceneBands.size()), scene_georeference(), kSceneBands);
  }
  static void TearDownTestSuite() {
    record_.reset();
    dir_.reset();
  }

  static std::filesystem::path registry() { return dir_->path() / "eorun.db"; }
  static CommandResult predict(std::vector<std::string> args) {
    std::vector<std::string> all = {"--registry", registry().string(), "predict"};
    all.insert(all.end(), args.begin(), args.end());
    return run_eorun(all, dir_->path());
  }
  // Bad input: exit 2, the message, and no file in `out` (which must not exist).
  static void expect_refused(const std::vector<std::string>& args, const std::string& out,
                             const std::string& message) {
    const CommandResult result = predict(args);
    EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
    EXPECT_NE(result.err.find("eorun: error: "), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(message), std::string::npos) << result.err;
    EXPECT_FALSE(std::filesystem::exists(dir_->path() / out / "classes.tif"));
    EXPECT_FALSE(std::filesystem::exists(dir_->path() / out / "scores.tif"));
    EXPECT_TRUE(!std::filesystem::exists(dir_->path() / out) || std::filesystem::is_empty(dir_->path() / out))
        << "nothing is written for bad input";
  }

  static std::unique_ptr<test::TempDir> dir_;
  static std::string run_id_;
  static std::unique_ptr<RunRecord> record_;
};

std::unique_ptr<test::TempDir> PredictCommand::dir_;
std::string PredictCommand::run_id_;
std::unique_ptr<RunRecord> PredictCommand::record_;

TEST_F(PredictCommand, ClassifiesTiledTestPatchesAsTheRunDid) {
  const CommandResult result = predict({run_id_.substr(0, 10), "scene.tif", "--out", "map", "--threads", "2",
                                        "--batch", "5", "--no-progress"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const std::filesystem::path classes = dir_->path() / "map" / "classes.tif";
  const std::filesystem::path scores = dir_->path() / "map" / "scores.tif";

  const test::RasterFacts scene = test::raster_facts(dir_->path() / "scene.tif");
  for (const auto& file : {classes, scores}) {
    const test::RasterFacts out = test::raster_facts(file);
    ASSERT_EQ(out.metadata.count("EORUN_RUN_ID"), 1u) << file;
    EXPECT_EQ(out.width, kColumns);
    EXPECT_EQ(out.height, kRows);
    EXPECT_EQ(out.bands, 1);
    EXPECT_TRUE(same_projection(out.projection, scene.projection)) << out.projection;
    const std::array<double, 6> expected = {500000.0, 160.0, 0.0, 5200000.0, 0.0, -160.0};
    for (int i = 0; i < 6; ++i) EXPECT_DOUBLE_EQ(out.geotransform[i], expected[i]) << i;
    EXPECT_EQ(out.metadata.at("EORUN_RUN_ID"), run_id_);
    EXPECT_EQ(out.metadata.at("EORUN_CHECKPOINT_SHA256"), record_->best->checkpoint_sha256);
    EXPECT_EQ(out.metadata.at("EORUN_STRIDE"), std::to_string(kSide));
  }
  const test::RasterFacts classes_file = test::raster_facts(classes);
  ASSERT_EQ(classes_file.metadata.count("EORUN_CLASSES"), 1u);
  EXPECT_TRUE(classes_file.has_colour_table);
  EXPECT_EQ(classes_file.metadata.at("EORUN_CLASSES"), "[\"class_0\",\"class_1\",\"class_2\"]");

  const std::vector<float> predicted = test::gdal_band(classes, 1);
  const std::vector<float> winning = test::gdal_band(scores, 1);
  ASSERT_EQ(predicted.size(), static_cast<std::size_t>(kTest));
  const auto run_scores = read_predictions(*record_->predictions);
  const synthetic::SyntheticDataset patches = test_split();
  int right = 0;
  for (int k = 0; k < kTest; ++k) {
    const std::vector<double>& expected = run_scores.at("synthetic-test-" + std::to_string(k));
    const auto best = std::max_element(expected.begin(), expected.end()) - expected.begin();
    EXPECT_EQ(predicted[static_cast<std::size_t>(k)], static_cast<float>(best)) << "patch " << k;
    EXPECT_NEAR(winning[static_cast<std::size_t>(k)], expected[static_cast<std::size_t>(best)], 1e-5) << "patch " << k;
    right += predicted[static_cast<std::size_t>(k)] == static_cast<float>(patches.classes_of(static_cast<std::size_t>(k)).at(0));
  }
  EXPECT_GE(right, kTest - 1) << "the run classifies its test patches (nearly) all right";
}

TEST_F(PredictCommand, SmallerStrideScalesTheGridAndAllScoresHasABandPerClass) {
  const CommandResult result = predict({run_id_.substr(0, 10), "scene.tif", "--out", "fine", "--stride", "6",
                                        "--all-scores", "--checkpoint", "last", "--bands", "B08,B04,B02,B03",
                                        "--no-progress"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const test::RasterFacts scores = test::raster_facts(dir_->path() / "fine" / "scores.tif");
  EXPECT_EQ(scores.width, 11);  // ceil(64 / 6)
  EXPECT_EQ(scores.height, 8);  // ceil(48 / 6)
  EXPECT_EQ(scores.bands, kClasses);
  EXPECT_DOUBLE_EQ(scores.geotransform[1], 60.0);
  EXPECT_DOUBLE_EQ(scores.geotransform[5], -60.0);
  const std::vector<float> first = test::gdal_band(dir_->path() / "fine" / "scores.tif", 1);
  const std::vector<float> second = test::gdal_band(dir_->path() / "fine" / "scores.tif", 2);
  const std::vector<float> third = test::gdal_band(dir_->path() / "fine" / "scores.tif", 3);
  for (std::size_t i = 0; i < first.size(); ++i) EXPECT_NEAR(first[i] + second[i] + third[i], 1.0f, 1e-5);
}

TEST_F(PredictCommand, RefusesAnUnknownRun) {
  expect_refused({"ffffff0000", "scene.tif", "--out", "unknown"}, "unknown", "ffffff0000");
}

TEST_F(PredictCommand, RefusesASceneMissingABand) {
  std::vector<float> pixels(3 * 32 * 32, 1000.0f);
  support::write_geotiff(dir_->path() / "rgb.tif", pixels, 32, 32, 3, scene_georeference(), {"B02", "B03", "B04"});
  expect_refused({run_id_.substr(0, 10), "rgb.tif", "--out", "rgb"}, "rgb", "lacks band B08");
}

TEST_F(PredictCommand, RefusesASceneSmallerThanOneWindow) {
  std::vector<float> pixels(4 * 8 * 8, 1000.0f);
  support::write_geotiff(dir_->path() / "tiny.tif", pixels, 8, 8, 4, scene_georeference(), kSceneBands);
  expect_refused({run_id_.substr(0, 10), "tiny.tif", "--out", "tiny"}, "tiny", "smaller than one 16x16 window");
}

TEST_F(PredictCommand, RefusesAFileThatIsNoRaster) {
  std::ofstream(dir_->path() / "notes.txt") << "not a raster\n";
  expect_refused({run_id_.substr(0, 10), "notes.txt", "--out", "text"}, "text", "is not a readable raster");
}

TEST_F(PredictCommand, RefusesAStrideOfZero) {
  expect_refused({run_id_.substr(0, 10), "scene.tif", "--out", "zero", "--stride", "0"}, "zero",
                 "--stride 0: must be at least 1");
}

TEST_F(PredictCommand, RefusesAWrongBandList) {
  expect_refused({run_id_.substr(0, 10), "scene.tif", "--out", "listed", "--bands", "B02,B03"}, "listed",
                 "names 2 bands, but");
}

TEST_F(PredictCommand, RefusesARunWithoutCheckpoint) {
  // A run interrupted in its first epoch keeps no checkpoint.
  std::ofstream(dir_->path() / "long.toml")
      << dataset_section(4000, 0.3)
      << "[model]\nplugin = \"shortcnn\"\ninput_size = 16\n[loss]\nplugin = \"cross_entropy\"\n"
         "[train]\nepochs = 50\nbatch_size = 4\nthreads = 1\n";
  {
    test::RunningEorun run({"--registry", registry().string(), "run", "long.toml", "--no-progress"}, dir_->path());
    ASSERT_TRUE(run.wait_for(": training ")) << run.err();
    run.signal(SIGINT);
    const int status = run.wait();
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 130) << run.err();
  }
  Registry reg = Registry::open(registry());
  std::string interrupted;
  for (const std::string& id : reg.run_ids())
    if (id != run_id_) interrupted = id;
  ASSERT_FALSE(interrupted.empty());
  expect_refused({interrupted.substr(0, 10), "scene.tif", "--out", "none"}, "none", "kept no checkpoint");
}

TEST_F(PredictCommand, CtrlCLeavesNothingUnderTheFinalNames) {
  // A scene of 65,536 windows at stride 1: still running when the signal comes.
  const std::vector<float> pixels = scene_pixels(256, 256, [](std::size_t b, int x, int y) {
    return static_cast<float>(1000 + 300 * b + (x * 7 + y * 3) % 500);
  });
  support::write_geotiff(dir_->path() / "large.tif", pixels, 256, 256, 4, scene_georeference(), kSceneBands);
  test::RunningEorun run({"--registry", registry().string(), "predict", run_id_.substr(0, 10), "large.tif", "--out",
                          "stopped", "--stride", "1", "--threads", "1", "--no-progress"},
                         dir_->path());
  ASSERT_TRUE(run.wait_for(" windows of ")) << run.err();
  run.signal(SIGINT);
  const int status = run.wait();
  ASSERT_TRUE(WIFEXITED(status)) << run.err();
  EXPECT_EQ(WEXITSTATUS(status), 130) << run.err();
  EXPECT_NE(run.err().find("interrupted"), std::string::npos) << run.err();
  EXPECT_FALSE(std::filesystem::exists(dir_->path() / "stopped" / "classes.tif"));
  EXPECT_FALSE(std::filesystem::exists(dir_->path() / "stopped" / "scores.tif"));
  EXPECT_TRUE(std::filesystem::is_empty(dir_->path() / "stopped")) << "temporary files are removed";
}

}  // namespace
}  // namespace eorun
