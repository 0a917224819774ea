// The synth hook: the table and its files, a GeoTIFF/PNG/JPEG mix for three bands, multi-label
// rows on request, learnable classes, the same bytes whatever the thread count.
#include "synth/folder_synth.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "folder_test_support.hpp"
#include "support/csv_file.hpp"

namespace eorun::folder {
namespace {

namespace fs = std::filesystem;
using test_support::error_of;
using test_support::gdal_band;
using test_support::read_text;
using test_support::SynthCopy;

support::CsvTable table_of(const SynthCopy& copy) {
  return support::read_csv(copy.csv(), true, "csv", "");
}

TEST(FolderSynth, WritesATableOfFilesWithASplitColumn) {
  SynthCopy copy(20);
  const support::CsvTable table = table_of(copy);
  EXPECT_EQ(table.header, (std::vector<std::string>{"path", "label", "split"}));
  ASSERT_EQ(table.rows.size(), 20u);
  std::size_t train = 0;
  for (const support::CsvRow& row : table.rows) {
    EXPECT_EQ(fs::path(row.fields[0]).extension(), ".tif");
    EXPECT_TRUE(fs::is_regular_file(copy.path() / row.fields[0])) << row.fields[0];
    EXPECT_EQ(row.fields[1].find(';'), std::string::npos) << "single-label unless asked";
    train += row.fields[2] == "train";
  }
  EXPECT_EQ(train, copy.result().train);
  EXPECT_EQ(copy.result().train + copy.result().val + copy.result().test, 20u);
  EXPECT_EQ(copy.result().dataset_params, (std::vector<std::pair<std::string, std::string>>{
                                              {"csv", "\"" + copy.csv().string() + "\""},
                                              {"bands", "[\"B02\",\"B03\",\"B04\",\"B08\"]"}}));
  EXPECT_FALSE(fs::exists(copy.path() / "images.partial"));
}

TEST(FolderSynth, ThreeBandsMixGeoTiffPngAndJpegAndMultiLabelAddsSecondLabels) {
  SynthCopy copy(12, 3, true);
  std::set<std::string> kinds;
  int two = 0;
  for (const support::CsvRow& row : table_of(copy).rows) {
    kinds.insert(fs::path(row.fields[0]).extension().string());
    two += row.fields[1].find(';') != std::string::npos;
  }
  EXPECT_EQ(kinds, (std::set<std::string>{".tif", ".png", ".jpg"}));
  EXPECT_EQ(two, 4) << "every third row";
  EXPECT_EQ(synth_band_names(3), (std::vector<std::string>{"B04", "B03", "B02"}));
}

TEST(FolderSynth, TheSameRequestWritesTheSameBytesWhateverTheThreads) {
  SynthCopy one(9, 3, true, 5, 1);
  SynthCopy three(9, 3, true, 5, 3);
  EXPECT_EQ(read_text(one.csv()), read_text(three.csv()));
  for (const support::CsvRow& row : table_of(one).rows)
    EXPECT_EQ(read_text(one.path() / row.fields[0]), read_text(three.path() / row.fields[0]))
        << row.fields[0];
  SynthCopy other(9, 3, true, 6, 1);
  EXPECT_NE(read_text(one.path() / "images/scene_0000.tif"),
            read_text(other.path() / "images/scene_0000.tif"));
}

TEST(FolderSynth, RefusesToOverwriteWithoutForce) {
  SynthCopy copy(5);
  SynthRequest request;
  request.out = copy.path().string();
  request.samples = 5;
  EXPECT_CONTAINS(error_of([&] { write_synthetic_folder(request, Params("synth")); }),
                  "--out: '" + copy.path().string() + "' already holds images/ or data.csv");
  request.overwrite = true;
  EXPECT_EQ(write_synthetic_folder(request, Params("synth")).files, 6u);
}

TEST(FolderSynth, ClassesAreLearnableFromTheBandMeans) {
  // Nearest class mean of the per-band means: every single-label sample right.
  SynthCopy copy(40, 4, false, 2);
  const support::CsvTable table = table_of(copy);
  std::map<std::string, std::vector<double>> sums;
  std::map<std::string, int> counts;
  std::vector<std::vector<double>> means;
  for (const support::CsvRow& row : table.rows) {
    std::vector<double> mean;
    for (int band = 1; band <= 4; ++band) {
      const std::vector<float> values = gdal_band(copy.path() / row.fields[0], band);
      double total = 0;
      for (float v : values) total += v;
      mean.push_back(total / static_cast<double>(values.size()));
    }
    auto& sum = sums[row.fields[1]];
    sum.resize(4, 0.0);
    for (int b = 0; b < 4; ++b)
      sum[static_cast<std::size_t>(b)] += mean[static_cast<std::size_t>(b)];
    ++counts[row.fields[1]];
    means.push_back(mean);
  }
  ASSERT_EQ(sums.size(), 4u);
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    std::string best;
    double best_distance = 1e300;
    for (const auto& [label, sum] : sums) {
      double d = 0;
      for (std::size_t b = 0; b < 4; ++b) {
        const double diff = means[i][b] - sum[b] / counts[label];
        d += diff * diff;
      }
      if (d < best_distance) {
        best_distance = d;
        best = label;
      }
    }
    EXPECT_EQ(best, table.rows[i].fields[1]) << table.rows[i].fields[0];
  }
}

}  // namespace
}  // namespace eorun::folder
