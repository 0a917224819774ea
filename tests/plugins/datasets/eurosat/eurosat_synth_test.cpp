// The synth hook: EuroSAT's exact layout, split files as the official ones, learnable classes,
// and the same bytes for the same request whatever the thread count.
#include "synth/eurosat_synth.hpp"

#include <gtest/gtest.h>

#include <set>

#include "eurosat_test_support.hpp"
#include "synth/scene_painter.hpp"

namespace eorun::eurosat {
namespace {

namespace fs = std::filesystem;
using test_support::error_of;
using test_support::gdal_band;
using test_support::lines_of;
using test_support::read_text;
using test_support::SynthRoot;

std::vector<fs::path> files_under(const fs::path& root) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file()) files.push_back(fs::relative(entry.path(), root));
  std::sort(files.begin(), files.end());
  return files;
}

TEST(EuroSatSynth, WritesBothLayoutsAndOfficialStyleSplitFiles) {
  SynthRoot root(23, 1);
  const SynthResult& result = root.result();
  EXPECT_EQ(result.train + result.val + result.test, 23u);
  EXPECT_EQ(result.files, 23u * 2 + 3);
  std::set<std::string> listed;
  for (const char* split : {"train", "val", "test"})
    for (const std::string& name : lines_of(root.split_file(split))) {
      EXPECT_EQ(name.substr(name.size() - 4), ".jpg") << name;
      listed.insert(name.substr(0, name.size() - 4));
    }
  EXPECT_EQ(lines_of(root.split_file("train")).size(), result.train);
  std::set<std::string> expected;
  for (int i = 0; i < 23; ++i) expected.insert(synth_sample_id(i));
  EXPECT_EQ(listed, expected);
  EXPECT_EQ(synth_sample_id(0), "AnnualCrop_1");
  EXPECT_EQ(synth_sample_id(19), "SeaLake_2");
  // Exactly the files of the two layouts and the split files: no side-car, no temporary folder.
  std::vector<fs::path> files = files_under(root.path());
  EXPECT_EQ(files.size(), result.files);
  for (const std::string& id : expected) {
    EXPECT_TRUE(fs::is_regular_file(root.tif(id))) << id;
    EXPECT_TRUE(fs::is_regular_file(root.jpg(id))) << id;
  }
  for (const std::string& name : class_names()) {
    EXPECT_TRUE(fs::is_directory(root.path() / "EuroSAT_MS" / name));
    EXPECT_TRUE(fs::is_directory(root.path() / "EuroSAT_RGB" / name));
  }
  EXPECT_EQ(test_support::gdal_band_count(root.tif("Forest_1")), 13);
  EXPECT_EQ(test_support::gdal_band_count(root.jpg("Forest_1")), 3);
  EXPECT_EQ(result.dataset_params, (std::vector<std::pair<std::string, std::string>>{
                                       {"root", "\"" + root.path().string() + "\""}}));
}

TEST(EuroSatSynth, TheSameRequestWritesTheSameBytesWhateverTheThreads) {
  SynthRoot one(12, 8, "both", 1);
  SynthRoot three(12, 8, "both", 3);
  const std::vector<fs::path> files = files_under(one.path());
  ASSERT_EQ(files, files_under(three.path()));
  for (const fs::path& file : files)
    EXPECT_EQ(read_text(one.path() / file), read_text(three.path() / file)) << file;
  SynthRoot other(12, 9, "both", 1);
  EXPECT_NE(read_text(one.tif("Forest_1")), read_text(other.tif("Forest_1")));
}

TEST(EuroSatSynth, FormatChoosesTheLayoutsWritten) {
  SynthRoot rgb(10, 1, "rgb");
  EXPECT_FALSE(fs::exists(rgb.path() / "EuroSAT_MS"));
  EXPECT_TRUE(fs::is_regular_file(rgb.jpg("River_1")));
  EXPECT_EQ(rgb.result().dataset_params.back(),
            (std::pair<std::string, std::string>{"format", "\"rgb\""}));
  SynthRoot ms(10, 1, "ms");
  EXPECT_FALSE(fs::exists(ms.path() / "EuroSAT_RGB"));
  EXPECT_TRUE(fs::is_regular_file(ms.tif("River_1")));
  EXPECT_EQ(ms.result().files, 13u);
}

TEST(EuroSatSynth, RefusesToOverwriteWithoutForce) {
  SynthRoot root(10, 1, "ms");
  SynthRequest request;
  request.out = root.path().string();
  request.samples = 10;
  Params options("synth");
  options.set("format", std::string("ms"));
  EXPECT_CONTAINS(error_of([&] { write_synthetic_eurosat(request, options); }),
                  "--out: '" + (root.path() / "EuroSAT_MS").string() + "' already exists");
  request.overwrite = true;
  request.seed = 4;
  EXPECT_EQ(write_synthetic_eurosat(request, options).files, 13u);
}

// Mean of each band, divided by the mean over bands (brightness cancels out).
std::vector<double> spectrum(const fs::path& tif) {
  std::vector<double> out;
  double total = 0;
  for (int band = 1; band <= 13; ++band) {
    const std::vector<float> values = gdal_band(tif, band);
    double mean = 0;
    for (float v : values) mean += v / values.size();
    out.push_back(mean);
    total += mean / 13;
  }
  for (double& v : out) v /= total;
  return out;
}

TEST(EuroSatSynth, ClassesAreLearnableFromTheSpectrum) {
  // Nearest class mean of the band spectrum, on 6 scenes per class: far above chance (10 %).
  SynthRoot root(60, 2, "ms");
  std::vector<std::vector<double>> spectra;
  std::vector<std::vector<double>> centroid(kClassCount, std::vector<double>(13, 0.0));
  for (int i = 0; i < 60; ++i) {
    spectra.push_back(spectrum(root.tif(synth_sample_id(i))));
    for (int b = 0; b < 13; ++b)
      centroid[static_cast<std::size_t>(synth_sample_class(i))][static_cast<std::size_t>(b)] +=
          spectra.back()[static_cast<std::size_t>(b)] / 6;
  }
  int right = 0;
  for (int i = 0; i < 60; ++i) {
    int best = -1;
    double best_distance = 1e300;
    for (int k = 0; k < kClassCount; ++k) {
      double d = 0;
      for (int b = 0; b < 13; ++b) {
        const double diff = spectra[static_cast<std::size_t>(i)][static_cast<std::size_t>(b)] -
                            centroid[static_cast<std::size_t>(k)][static_cast<std::size_t>(b)];
        d += diff * diff;
      }
      if (d < best_distance) {
        best_distance = d;
        best = k;
      }
    }
    right += best == synth_sample_class(i);
  }
  EXPECT_GE(right, 48) << "of 60";
}

}  // namespace
}  // namespace eorun::eurosat
