// Bad input: a wrong root, a root of another layout, missing bands, TIFFs of the wrong size or
// data type, broken files, empty splits and lists naming missing samples. A problem with the
// whole input is an error naming the file; one broken triplet among good ones is skipped with a
// note naming the file.
#include <gtest/gtest.h>

#include "sen12ms_dataset.hpp"
#include "sen12ms_test_support.hpp"

namespace eorun::sen12ms {
namespace {

namespace fs = std::filesystem;
using namespace test_support;

Sen12msOptions train_options(const fs::path& root, const std::string& preset = "s1s2") {
  Sen12msOptions options = make_options(root, "train", preset);
  options.val_fraction = 0;
  return options;
}

std::string made_error(const Sen12msOptions& options) {
  return error_of([&] { Sen12msDataset dataset(options); });
}

// Two good triplets and a third that `breakage` breaks, all listed in train_list.txt.
class Sen12msOneBrokenTriplet : public ::testing::Test {
 protected:
  void SetUp() override {
    names_ = {root_.add("1", "1"), root_.add("1", "2"), root_.add("2", "1")};
    root_.list("train_list.txt", names_);
  }
  const PatchName& broken() const { return names_[2]; }
  std::string file(Modality modality) const { return broken().file(root_.path(), modality).string(); }

  // The one note of a dataset that must have skipped the broken triplet alone.
  std::string skip_note(const std::string& preset = "s1s2") {
    const Sen12msDataset dataset(train_options(root_.path(), preset));
    EXPECT_EQ(dataset.size(), 2u);
    EXPECT_EQ(dataset.skipped(), 1u);
    if (dataset.info().notes.size() != 1) return "(no note)";
    const std::string note = dataset.info().notes[0];
    EXPECT_CONTAINS(note, "skipped 1 of 3 samples of the train split (damaged or unreadable): " +
                              broken().id() + " (");
    return note;
  }

  HandRoot root_;
  std::vector<PatchName> names_;
};

TEST(Sen12msBadInput, WrongRoot) {
  test::TempDir dir;
  const fs::path missing = dir.path() / "sen12ms";
  EXPECT_CONTAINS(made_error(train_options(missing)),
                  "dataset.root: folder '" + missing.string() + "' does not exist");
  EXPECT_CONTAINS(made_error(train_options("")), "dataset.root: folder '' does not exist");
}

TEST(Sen12msBadInput, RootOfAnotherLayoutNamesWhatIsThereAndWhatIsExpected) {
  test::TempDir dir;
  fs::create_directories(dir.path() / "BigEarthNet-v1.0");
  write_text(dir.path() / "bigearthnet-train.csv", "a,b\n");
  const std::string error = made_error(train_options(dir.path()));
  EXPECT_CONTAINS(error, "dataset.root: folder '" + dir.path().string() +
                             "' is not a SEN12MS root: it holds BigEarthNet-v1.0/, "
                             "bigearthnet-train.csv, which looks like a BigEarthNet root");
  EXPECT_CONTAINS(error, "ROIs1158_spring/, ROIs1868_summer/, ROIs1970_fall/, ROIs2017_winter/");
  EXPECT_CONTAINS(error, "s1_<scene>/, s2_<scene>/ and lc_<scene>/");

  HandRoot root;
  root.add("1", "1");
  EXPECT_CONTAINS(made_error(train_options(root.path() / "ROIs1158_spring")),
                  "it holds lc_1/, s1_1/, s2_1/, which looks like one SEN12MS season folder (set "
                  "dataset.root to the folder above it)");
  test::TempDir empty;
  EXPECT_CONTAINS(made_error(train_options(empty.path())), "it holds nothing (it is empty)");
}

TEST(Sen12msBadInput, MissingSplitListNamesTheFile) {
  HandRoot root;
  root.add("1", "1");
  EXPECT_CONTAINS(made_error(train_options(root.path())),
                  "split list '" + (root.path() / "train_list.txt").string() + "': does not exist");
}

TEST(Sen12msBadInput, EmptySplits) {
  HandRoot root;
  const PatchName name = root.add("1", "1");
  write_text(root.path() / "train_list.txt", "\n");
  EXPECT_CONTAINS(made_error(train_options(root.path())),
                  "split list '" + (root.path() / "train_list.txt").string() +
                      "': lists no patches");

  root.list("train_list.txt", {name});
  Sen12msOptions val = train_options(root.path());
  val.split = "val";
  EXPECT_CONTAINS(made_error(val),
                  "dataset.split_val: is \"\", so the val split is carved by scene from split "
                  "list '" + (root.path() / "train_list.txt").string() +
                      "', but val_fraction = 0 takes no scene");
  val.val_fraction = 0.5;
  EXPECT_CONTAINS(made_error(val), "but its 1 scene(s) must keep one for training");
}

TEST(Sen12msBadInput, SplitListNamingAMissingSampleNamesListLineAndFile) {
  HandRoot root;
  const PatchName good = root.add("1", "1");
  const PatchName absent{"ROIs1158_spring", "1", "99"};
  root.list("train_list.txt", {good, absent});
  EXPECT_CONTAINS(made_error(train_options(root.path())),
                  "split list '" + (root.path() / "train_list.txt").string() +
                      "' line 2: names sample 'ROIs1158_spring_s2_1_p99', but file '" +
                      absent.file(root.path(), Modality::s2).string() + "' does not exist");

  // The s2 file is there, its land cover is not.
  root.list("train_list.txt", {good});
  fs::remove(good.file(root.path(), Modality::lc));
  EXPECT_CONTAINS(made_error(train_options(root.path())),
                  "but file '" + good.file(root.path(), Modality::lc).string() +
                      "' does not exist");
}

TEST_F(Sen12msOneBrokenTriplet, MissingS2Bands) {
  root_.write(broken(), Modality::s2, std::vector<std::uint16_t>(12 * 100, 5), 12);
  EXPECT_CONTAINS(skip_note(), "s2 file '" + file(Modality::s2) + "' has 12 bands, expected 13");
}

TEST_F(Sen12msOneBrokenTriplet, MissingS1Band) {
  root_.write(broken(), Modality::s1, std::vector<float>(100, -5.0f), 1);
  EXPECT_CONTAINS(skip_note(), "s1 file '" + file(Modality::s1) + "' has 1 band, expected 2");
}

TEST_F(Sen12msOneBrokenTriplet, S1OfAnotherSize) {
  root_.write(broken(), Modality::s1, std::vector<float>(2 * 64, -5.0f), 2, 8);
  EXPECT_CONTAINS(skip_note(),
                  "s1 file '" + file(Modality::s1) + "' has 8x8 pixels, its s2 file 10x10");
}

TEST_F(Sen12msOneBrokenTriplet, TripletOfAnotherSizeThanTheSplit) {
  root_.write(broken(), Modality::s2, std::vector<std::uint16_t>(13 * 64, 5), 13, 8);
  root_.write(broken(), Modality::s1, std::vector<float>(2 * 64, -5.0f), 2, 8);
  root_.write(broken(), Modality::lc, std::vector<std::uint16_t>(4 * 64, 3), 4, 8);
  EXPECT_CONTAINS(skip_note(), "its files have 8x8 pixels, the split's first patch 10x10");
}

TEST_F(Sen12msOneBrokenTriplet, S2OfTheWrongDataType) {
  root_.write(broken(), Modality::s2, std::vector<float>(13 * 100, 5.0f), 13);
  EXPECT_CONTAINS(skip_note(),
                  "s2 file '" + file(Modality::s2) + "' holds Float32 pixels, expected UInt16");
}

TEST_F(Sen12msOneBrokenTriplet, S1OfTheWrongDataType) {
  root_.write(broken(), Modality::s1, std::vector<std::uint16_t>(2 * 100, 5), 2);
  EXPECT_CONTAINS(skip_note(),
                  "s1 file '" + file(Modality::s1) + "' holds UInt16 pixels, expected Float32");
}

TEST_F(Sen12msOneBrokenTriplet, LcOfTheWrongDataType) {
  root_.write(broken(), Modality::lc, std::vector<float>(4 * 100, 3.0f), 4);
  EXPECT_CONTAINS(skip_note(), "lc file '" + file(Modality::lc) +
                                   "' holds Float32 pixels, expected Byte/UInt16/Int16/UInt32/Int32");
}

TEST_F(Sen12msOneBrokenTriplet, AFileThatIsNoTiff) {
  write_text(file(Modality::s2), "not a tiff");
  EXPECT_CONTAINS(skip_note("s2"),
                  "s2 file '" + file(Modality::s2) + "' is not a readable GTiff raster");
}

TEST_F(Sen12msOneBrokenTriplet, ATruncatedS2File) {
  fs::resize_file(file(Modality::s2), fs::file_size(file(Modality::s2)) / 2);
  EXPECT_CONTAINS(skip_note("rgb"), "s2 file '" + file(Modality::s2) + "'");
}

TEST(Sen12msBadInput, WhenEveryTripletIsBrokenItIsAnErrorNamingTheFirstFile) {
  HandRoot root;
  const PatchName a = root.add("1", "1"), b = root.add("1", "2");
  root.write(a, Modality::s2, std::vector<float>(13 * 100, 5.0f), 13);
  root.write(b, Modality::s2, std::vector<float>(13 * 100, 5.0f), 13);
  root.list("train_list.txt", {a, b});
  EXPECT_CONTAINS(made_error(train_options(root.path(), "s2")),
                  "sen12ms train split: none of the 2 samples of split list '" +
                      (root.path() / "train_list.txt").string() + "' can be read; the first: " +
                      a.id() + " (s2 file '" + a.file(root.path(), Modality::s2).string() +
                      "' holds Float32 pixels, expected UInt16)");
}

TEST(Sen12msBadInput, OutOfRangeOptionsNameTheKey) {
  HandRoot root;
  root.list("train_list.txt", {root.add("1", "1")});
  Sen12msOptions options = train_options(root.path());
  options.threshold = 0;
  EXPECT_CONTAINS(made_error(options), "dataset.threshold: must be in (0, 1], got 0");
  options.threshold = 0.1;
  options.val_fraction = 1;
  EXPECT_CONTAINS(made_error(options), "dataset.val_fraction: must be in [0, 1), got 1");
}

}  // namespace
}  // namespace eorun::sen12ms
