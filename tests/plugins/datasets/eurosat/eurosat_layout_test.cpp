// Class order, sample names and the two folder spellings of each layout.
#include "eurosat_layout.hpp"

#include <gtest/gtest.h>

#include "eurosat_test_support.hpp"

namespace eorun::eurosat {
namespace {

namespace fs = std::filesystem;
using test_support::error_of;

TEST(EuroSatLayout, ClassesAreInAlphabeticalFolderOrder) {
  const std::vector<std::string> expected = {
      "AnnualCrop", "Forest",        "HerbaceousVegetation", "Highway", "Industrial",
      "Pasture",    "PermanentCrop", "Residential",          "River",   "SeaLake"};
  EXPECT_EQ(class_names(), expected);
  std::vector<std::string> sorted = expected;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, expected);
  for (int k = 0; k < kClassCount; ++k)
    EXPECT_EQ(class_of_sample(expected[static_cast<std::size_t>(k)] + "_17"), k);
}

TEST(EuroSatLayout, ASampleIdNamesItsClassBeforeTheLastUnderscore) {
  EXPECT_EQ(class_of_sample("HerbaceousVegetation_2999"), 2);
  EXPECT_EQ(class_of_sample("SeaLake_1"), 9);
  EXPECT_FALSE(class_of_sample("Beach_1").has_value());
  EXPECT_FALSE(class_of_sample("Forest").has_value());
  EXPECT_FALSE(class_of_sample("forest_1").has_value());
}

TEST(EuroSatLayout, FindsEitherSpellingOfEachLayout) {
  for (const Format format : {Format::ms, Format::rgb}) {
    for (const std::string& spelling : folder_spellings(format)) {
      test::TempDir root;
      fs::create_directories(root.path() / spelling / "Forest");
      const Layout layout = find_layout(root.path(), format);
      EXPECT_EQ(layout.spelling, spelling);
      EXPECT_EQ(layout.folder, root.path() / spelling);
      EXPECT_EQ(layout.file("Forest_3"),
                root.path() / spelling / "Forest" / (std::string("Forest_3") + layout.extension()));
    }
  }
  EXPECT_EQ(folder_spellings(Format::ms),
            (std::vector<std::string>{"ds/images/remote_sensing/otherDatasets/sentinel_2/tif",
                                      "EuroSAT_MS"}));
  EXPECT_EQ(folder_spellings(Format::rgb), (std::vector<std::string>{"EuroSAT_RGB", "2750"}));
}

TEST(EuroSatLayout, BothSpellingsPresentReadsTheFirstAndSaysSo) {
  test::TempDir root;
  fs::create_directories(root.path() / "EuroSAT_RGB");
  fs::create_directories(root.path() / "2750");
  const Layout layout = find_layout(root.path(), Format::rgb);
  EXPECT_EQ(layout.spelling, "EuroSAT_RGB");
  ASSERT_EQ(layout.notes.size(), 1u);
  EXPECT_EQ(layout.notes[0], "read EuroSAT_RGB/; 2750/ is there too and was not read");
}

TEST(EuroSatLayout, AWrongRootIsRefused) {
  test::TempDir dir;
  const std::string missing = error_of([&] { find_layout(dir.path() / "nothere", Format::ms); });
  EXPECT_CONTAINS(
      missing, "dataset.root: folder '" + (dir.path() / "nothere").string() + "' does not exist");
  EXPECT_CONTAINS(missing, "EuroSAT_MS/");
}

TEST(EuroSatLayout, ARootOfAnotherLayoutNamesWhatIsExpectedAndWhatWasFound) {
  test::TempDir root;
  fs::create_directories(root.path() / "BigEarthNet-v1.0");
  test_support::write_text(root.path() / "bigearthnet-train.csv", "a,b\n");
  const std::string message = error_of([&] { find_layout(root.path(), Format::ms); });
  EXPECT_CONTAINS(message,
                  "holds no EuroSAT MS layout (13-band GeoTIFFs): expected "
                  "ds/images/remote_sensing/otherDatasets/sentinel_2/tif/ or EuroSAT_MS/");
  EXPECT_CONTAINS(message, "it holds BigEarthNet-v1.0/, bigearthnet-train.csv");

  fs::create_directories(root.path() / "2750");
  const std::string rgb_only = error_of([&] { find_layout(root.path(), Format::ms); });
  EXPECT_CONTAINS(rgb_only, "it holds the RGB layout (JPEGs) instead (2750/)");
  EXPECT_CONTAINS(rgb_only, "set dataset.format = \"rgb\"");

  test::TempDir ms_only;
  fs::create_directories(ms_only.path() / "EuroSAT_MS");
  const std::string ms_message = error_of([&] { find_layout(ms_only.path(), Format::rgb); });
  EXPECT_CONTAINS(ms_message,
                  "holds no EuroSAT RGB layout (JPEGs): expected EuroSAT_RGB/ or 2750/");
  EXPECT_CONTAINS(ms_message, "MS layout (13-band GeoTIFFs) instead (EuroSAT_MS/)");

  test::TempDir classes;
  fs::create_directories(classes.path() / "Forest");
  EXPECT_CONTAINS(error_of([&] { find_layout(classes.path(), Format::ms); }),
                  "it holds the class folders themselves (Forest/); set dataset.root to the "
                  "folder above them");

  test::TempDir empty;
  EXPECT_CONTAINS(error_of([&] { find_layout(empty.path(), Format::rgb); }), "; it is empty;");
}

TEST(EuroSatLayout, ListsSamplesByClassThenNumber) {
  test::TempDir root;
  for (const std::string& name : class_names())
    fs::create_directories(root.path() / "EuroSAT_MS" / name);
  for (const char* file :
       {"Forest/Forest_10.tif", "Forest/Forest_9.tif", "AnnualCrop/AnnualCrop_2.tif",
        "Forest/Forest_1.jpg", "Forest/notes.txt", "SeaLake/SeaLake_1.tif"})
    test_support::write_text(root.path() / "EuroSAT_MS" / file, "");
  const Layout layout = find_layout(root.path(), Format::ms);
  EXPECT_EQ(layout.list_samples(),
            (std::vector<std::string>{"AnnualCrop_2", "Forest_9", "Forest_10", "SeaLake_1"}));

  fs::create_directories(root.path() / "EuroSAT_MS" / "Beach");
  EXPECT_CONTAINS(error_of([&] { layout.list_samples(); }),
                  "Beach': is not one of EuroSAT's 10 class folders");
  fs::remove(root.path() / "EuroSAT_MS" / "Beach");
  fs::remove_all(root.path() / "EuroSAT_MS" / "River");
  EXPECT_CONTAINS(
      error_of([&] { layout.list_samples(); }),
      "folder '" + (root.path() / "EuroSAT_MS" / "River").string() + "': does not exist");
}

}  // namespace
}  // namespace eorun::eurosat
