// The dataset on synthetic and hand-made tables: task and classes decided by the data, pixel
// values of GeoTIFF, PNG and JPEG rows, every split form, and every kind of bad input.
#include "folder_dataset.hpp"

#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <set>

#include "folder_test_support.hpp"
#include "support/csv_file.hpp"

namespace eorun::folder {
namespace {

namespace fs = std::filesystem;
using test_support::error_of;
using test_support::gdal_band;
using test_support::make_options;
using test_support::SynthCopy;
using test_support::write_text;
using test_support::write_tif;

std::vector<std::string> ids_of(const FolderDataset& dataset) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < dataset.size(); ++i) ids.push_back(dataset.sample_id(i));
  return ids;
}

// The CSV rows of `split` (path, labels field), in file order.
std::vector<std::pair<std::string, std::string>> rows_of(const fs::path& csv,
                                                         const std::string& split) {
  const support::CsvTable table = support::read_csv(csv, true, "csv", "");
  std::vector<std::pair<std::string, std::string>> rows;
  for (const support::CsvRow& row : table.rows)
    if (row.fields[2] == split) rows.emplace_back(row.fields[0], row.fields[1]);
  return rows;
}

TEST(FolderSynthData, SingleLabelDataIsSingleLabelWithSortedClassesAndTheSplitColumn) {
  SynthCopy copy(24);
  std::set<std::string> all;
  for (const char* split : {"train", "val", "test"}) {
    FolderDataset dataset(copy.options(split));
    EXPECT_EQ(dataset.info().task, Task::single_label);
    EXPECT_EQ(dataset.info().class_names,
              (std::vector<std::string>{"cropland", "forest", "grassland", "urban"}));
    EXPECT_EQ(dataset.info().band_names(), copy.bands());
    const auto rows = rows_of(copy.csv(), split);
    ASSERT_EQ(dataset.size(), rows.size()) << split;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      EXPECT_EQ(dataset.sample_id(i), rows[i].first);
      const at::Tensor target = dataset.target(i);
      EXPECT_EQ(target.scalar_type(), at::kLong);
      EXPECT_EQ(dataset.info().class_names[static_cast<std::size_t>(target.item<std::int64_t>())],
                rows[i].second);
      all.insert(rows[i].first);
    }
  }
  EXPECT_EQ(all.size(), 24u);
}

TEST(FolderSynthData, ARowWithTwoLabelsMakesTheDataMultiLabel) {
  SynthCopy copy(24, 4, true);
  FolderDataset dataset(copy.options("train"));
  EXPECT_EQ(dataset.info().task, Task::multi_label);
  const auto rows = rows_of(copy.csv(), "train");
  bool saw_two = false;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const at::Tensor target = dataset.get(i).target;
    ASSERT_EQ(target.sizes(), (at::IntArrayRef{4}));
    std::string labels;
    for (std::int64_t k = 0; k < 4; ++k)
      if (target[k].item<float>() == 1.0f)
        labels +=
            (labels.empty() ? "" : ";") + dataset.info().class_names[static_cast<std::size_t>(k)];
    EXPECT_EQ(labels, rows[i].second) << rows[i].first;
    saw_two = saw_two || rows[i].second.find(';') != std::string::npos;
  }
  EXPECT_TRUE(saw_two);
  // The same table read as single-label is refused at the first row with two labels.
  FolderOptions single = copy.options("train");
  single.task = TaskChoice::single_label;
  EXPECT_CONTAINS(error_of([&] { FolderDataset{single}; }),
                  "csv file '" + copy.csv().string() +
                      "' line 3: has 2 labels; a single-label task needs exactly one");
  // And single-label data read as multi-label gets multi-hot targets.
  SynthCopy plain(12);
  FolderOptions multi = plain.options("train");
  multi.task = TaskChoice::multi_label;
  FolderDataset as_multi(multi);
  EXPECT_EQ(as_multi.info().task, Task::multi_label);
  EXPECT_EQ(as_multi.target(0).sum().item<float>(), 1.0f);
}

TEST(FolderSynthData, PixelsAreTheFilesBandsForGeoTiffPngAndJpegRows) {
  SynthCopy copy(12, 3);
  FolderDataset dataset(copy.options("train"));
  EXPECT_EQ(dataset.info().band_names(), (std::vector<std::string>{"B04", "B03", "B02"}));
  EXPECT_EQ(dataset.info().inputs[0].shape, (std::vector<std::int64_t>{3, 16, 16}));
  std::set<std::string> kinds;
  for (std::size_t i = 0; i < dataset.size(); ++i) {
    const Sample sample = dataset.get(i);
    const fs::path file = copy.path() / sample.id;
    kinds.insert(file.extension().string());
    for (std::int64_t c = 0; c < 3; ++c) {
      at::Tensor plane = sample.inputs[0][c].contiguous();
      EXPECT_EQ(
          std::vector<float>(plane.data_ptr<float>(), plane.data_ptr<float>() + plane.numel()),
          gdal_band(file, static_cast<int>(c) + 1))
          << sample.id << " band " << c + 1;
    }
  }
  EXPECT_EQ(kinds, (std::set<std::string>{".tif", ".png", ".jpg"}));
}

TEST(FolderSynthData, SplitListsNameCsvPathsAndUnknownPathsAreRefused) {
  SynthCopy copy(12);
  const auto rows = rows_of(copy.csv(), "test");
  write_text(copy.path() / "mine.txt", rows[1].first + "\n" + rows[0].first + "\n");
  FolderOptions options = copy.options("val");
  options.split_file = copy.path() / "mine.txt";
  FolderDataset dataset(options);
  EXPECT_EQ(ids_of(dataset), (std::vector<std::string>{rows[1].first, rows[0].first}));
  EXPECT_EQ(dataset.manifest()[1], (copy.path() / "mine.txt").string());
  write_text(copy.path() / "mine.txt", rows[0].first + "\nimages/nothere.tif\n");
  EXPECT_CONTAINS(error_of([&] { FolderDataset{options}; }),
                  "split file '" + (copy.path() / "mine.txt").string() +
                      "' line 2: names 'images/nothere.tif', which is not a path of csv file");
}

// A hand-made table of `rows` 8x8 two-band GeoTIFFs named r<i>.tif with these labels.
fs::path write_table(const fs::path& dir, const std::vector<std::string>& labels,
                     const std::string& extra_header = "",
                     const std::vector<std::string>& extra = {}) {
  std::string text = "path,label" + extra_header + "\n";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    write_tif(dir / ("r" + std::to_string(i) + ".tif"), 8, 2, static_cast<std::uint16_t>(100 * i));
    text += "r" + std::to_string(i) + ".tif," + labels[i] + (extra.empty() ? "" : "," + extra[i]) +
            "\n";
  }
  write_text(dir / "data.csv", text);
  return dir / "data.csv";
}

TEST(FolderTable, WithoutASplitColumnTheSplitIsStratifiedAndSeeded) {
  test::TempDir dir;
  std::vector<std::string> labels;
  for (int i = 0; i < 40; ++i) labels.push_back(i % 2 == 0 ? "a" : "b");
  const fs::path csv = write_table(dir.path(), labels);
  const auto make = [&](const std::string& split, std::uint64_t seed) {
    FolderOptions options = make_options(csv, split, {"x", "y"});
    options.random = {seed, 0.25, 0.25};
    return FolderDataset(options);
  };
  std::set<std::string> all;
  for (const char* split : {"train", "val", "test"}) {
    FolderDataset dataset = make(split, 1);
    int a = 0;
    for (std::size_t i = 0; i < dataset.size(); ++i) {
      a += dataset.target(i).item<std::int64_t>() == 0;
      EXPECT_TRUE(all.insert(dataset.sample_id(i)).second);
    }
    EXPECT_EQ(a * 2, static_cast<int>(dataset.size())) << split << ": half of each class";
  }
  EXPECT_EQ(all.size(), 40u);
  EXPECT_EQ(ids_of(make("val", 1)), ids_of(make("val", 1)));
  EXPECT_NE(ids_of(make("val", 1)), ids_of(make("val", 2)));
}

TEST(FolderTable, ClassesGivenSetTheTargetOrderAndRefuseOtherLabels) {
  test::TempDir dir;
  const fs::path csv =
      write_table(dir.path(), {"b", "a", "b", "c"}, ",split", {"train", "train", "val", "test"});
  FolderOptions options = make_options(csv, "train", {"x", "y"});
  options.classes = {"c", "b", "a"};
  FolderDataset dataset(options);
  EXPECT_EQ(dataset.info().class_names, (std::vector<std::string>{"c", "b", "a"}));
  EXPECT_EQ(dataset.target(0).item<std::int64_t>(), 1);
  EXPECT_EQ(dataset.target(1).item<std::int64_t>(), 2);
  options.classes = {"a", "b"};
  EXPECT_CONTAINS(
      error_of([&] { FolderDataset{options}; }),
      "csv file '" + csv.string() + "' line 5: label 'c' is not in dataset.classes (a, b)");
}

TEST(FolderTable, AGroupColumnGivesSceneGroups) {
  test::TempDir dir;
  const fs::path csv = write_table(dir.path(), {"a", "b", "a"}, ",group", {"s1", "s1", "s2"});
  FolderDataset dataset(make_options(csv, "train", {"x", "y"}));
  std::set<std::string> groups;
  for (std::size_t i = 0; i < dataset.size(); ++i) {
    groups.insert(dataset.group(i, "scene"));
    EXPECT_EQ(dataset.group(i, "tile"), "");
  }
  for (const std::string& group : groups) EXPECT_TRUE(group == "s1" || group == "s2") << group;
  const fs::path plain = write_table(dir.path(), {"a", "b", "a"});
  EXPECT_EQ(FolderDataset(make_options(plain, "train", {"x", "y"})).group(0, "scene"), "");
}

TEST(FolderTable, SizeResamplesEveryFileElseAllMustHaveTheFirstFilesSize) {
  test::TempDir dir;
  const fs::path csv =
      write_table(dir.path(), {"a", "b", "a"}, ",split", {"train", "train", "val"});
  write_tif(dir.path() / "r1.tif", 12, 2, 100);  // another size
  FolderDataset dataset(make_options(csv, "train", {"x", "y"}));
  EXPECT_EQ(dataset.info().inputs[0].shape, (std::vector<std::int64_t>{2, 8, 8}));
  EXPECT_EQ(dataset.get(0).inputs[0][1][3][3].item<float>(), 1.0f) << "band 2 of r0 holds 0 + 1";
  EXPECT_CONTAINS(error_of([&] { dataset.get(1); }), "folder sample 'r1.tif': file '" +
                                                         (dir.path() / "r1.tif").string() +
                                                         "' has 12x12 pixels, expected 8x8");
  FolderOptions options = make_options(csv, "train", {"x", "y"});
  options.size = 16;
  FolderDataset resampled(options);
  EXPECT_EQ(resampled.info().inputs[0].shape, (std::vector<std::int64_t>{2, 16, 16}));
  EXPECT_EQ(resampled.get(1).inputs[0].sizes(), (at::IntArrayRef{2, 16, 16}));
  EXPECT_EQ(resampled.get(1).inputs[0][0][5][5].item<float>(), 100.0f);
}

TEST(FolderTable, ManifestListsTheTableTheFirstFileAndTheSplitsFiles) {
  test::TempDir dir;
  const fs::path csv = write_table(dir.path(), {"a", "b", "a"}, ",split", {"train", "val", "val"});
  FolderDataset dataset(make_options(csv, "val", {"x", "y"}));
  EXPECT_EQ(dataset.manifest(),
            (std::vector<std::string>{csv.string(), (dir.path() / "r0.tif").string(),
                                      (dir.path() / "r1.tif").string(),
                                      (dir.path() / "r2.tif").string()}));
}

// Bad input: each names the file at fault.
TEST(FolderBadInput, AMissingFileFailsAtOnceNamingTheCsvLineAndTheFile) {
  test::TempDir dir;
  const fs::path csv = write_table(dir.path(), {"a", "b", "a"});
  fs::remove(dir.path() / "r2.tif");
  FolderOptions options = make_options(csv, "train", {"x", "y"});
  options.random = {0, 0.0, 0.0};  // every row in train
  EXPECT_CONTAINS(error_of([&] { FolderDataset{options}; }),
                  "csv file '" + csv.string() + "' line 4: file '" +
                      (dir.path() / "r2.tif").string() + "' does not exist");
}

TEST(FolderBadInput, AWrongBandCountIsRefusedNamingTheFile) {
  test::TempDir dir;
  const fs::path csv = write_table(dir.path(), {"a", "b"}, ",split", {"train", "train"});
  EXPECT_CONTAINS(error_of([&] {
                    FolderDataset(make_options(csv, "train", {"x", "y", "z"}));
                  }),
                  "folder sample 'r0.tif': file '" + (dir.path() / "r0.tif").string() +
                      "' has 2 bands, dataset.bands names 3 (x, y, z)");
  write_tif(dir.path() / "r1.tif", 8, 4, 5);
  FolderDataset dataset(make_options(csv, "train", {"x", "y"}));
  EXPECT_CONTAINS(error_of([&] { dataset.get(1); }), "file '" + (dir.path() / "r1.tif").string() +
                                                         "' has 4 bands, dataset.bands names 2");
}

TEST(FolderBadInput, AnEmptySplitIsRefusedNamingTheTable) {
  test::TempDir dir;
  const fs::path csv = write_table(dir.path(), {"a", "b"}, ",split", {"train", "test"});
  EXPECT_CONTAINS(error_of([&] {
                    FolderDataset(make_options(csv, "val", {"x", "y"}));
                  }),
                  "csv file '" + csv.string() + "': no row has split 'val' (the split is empty)");
  const fs::path list = dir.path() / "empty.txt";
  write_text(list, "\n");
  FolderOptions options = make_options(csv, "train", {"x", "y"});
  options.split_file = list;
  EXPECT_CONTAINS(error_of([&] { FolderDataset{options}; }),
                  "split file '" + list.string() + "': lists no samples (the split is empty)");
}

TEST(FolderBadInput, MissingSettingsAndFilesAreNamed) {
  test::TempDir dir;
  const fs::path csv = write_table(dir.path(), {"a", "b"});
  EXPECT_CONTAINS(error_of([&] { FolderDataset(make_options("", "train", {"x"})); }),
                  "dataset.csv: no table of files is given");
  EXPECT_CONTAINS(error_of([&] { FolderDataset(make_options(csv, "train", {})); }),
                  "dataset.bands: no band names are given");
  EXPECT_CONTAINS(error_of([&] {
                    FolderDataset(make_options(csv, "train", {"x", "x"}));
                  }),
                  "dataset.bands: band 'x' is listed twice");
  EXPECT_CONTAINS(
      error_of([&] { FolderDataset(make_options(dir.path() / "no.csv", "train", {"x"})); }),
      "csv file '" + (dir.path() / "no.csv").string() + "': does not exist");
  write_text(dir.path() / "r1.tif", "not a raster");
  FolderOptions options = make_options(csv, "train", {"x", "y"});
  options.random = {0, 0.0, 0.0};
  FolderDataset dataset(options);
  EXPECT_CONTAINS(error_of([&] { dataset.get(1); }),
                  "folder sample 'r1.tif': file '" + (dir.path() / "r1.tif").string() +
                      "' is not a readable GTiff/JPEG/PNG raster");
}

}  // namespace
}  // namespace eorun::folder
