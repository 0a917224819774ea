// [dataset] normalize: train statistics pooled and cached, a data set's published constants
// (refused with a clear message where none are published), or none; the method and the source
// travel with the values.
#include "exec/normalisation_choice.hpp"

#include <gtest/gtest.h>

#include "core/data/memory_dataset.hpp"
#include "eorun/error.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

std::shared_ptr<test::MemoryDataset> three_band_data() {
  return test::MemoryDataset::patterned(6, 3, 8, 2, 1);
}

TEST(NormalisationChoice, ReferenceUsesThePublishedConstantsAndSaysWhere) {
  auto data = three_band_data();
  DatasetInfo info = data->info();
  info.reference = {{1, 2, 3}, {4, 5, 6}, "the paper's table 2"};
  auto with_reference = std::make_shared<test::MemoryDataset>(info, std::vector<Sample>{data->get(0)});
  test::TempDir dir;
  const RunNormalisation chosen = choose_normalisation(
      Normalisation::reference, *with_reference, "mydata", "key", dir.path(), 1);
  EXPECT_EQ(chosen.method, "reference");
  EXPECT_EQ(chosen.stats.mean, (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(chosen.stats.std, (std::vector<double>{4, 5, 6}));
  EXPECT_NE(chosen.source.find("mydata: the paper's table 2"), std::string::npos) << chosen.source;
}

TEST(NormalisationChoice, ReferenceIsRefusedWhereNothingIsPublished) {
  auto data = three_band_data();
  try {
    check_normalisation(Normalisation::reference, data->info(), "mydata");
    FAIL() << "no reference statistics: must be refused";
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), "dataset.normalize");
    EXPECT_NE(e.problem().find("'mydata' publishes no reference statistics for bands B0,B1,B2"),
              std::string::npos)
        << e.what();
    EXPECT_NE(e.remedy().find("train_stats"), std::string::npos);
  }
  EXPECT_NO_THROW(check_normalisation(Normalisation::train_stats, data->info(), "mydata"));

  DatasetInfo wrong = data->info();
  wrong.reference = {{1, 2}, {1, 1}, "too short"};
  EXPECT_THROW(check_normalisation(Normalisation::reference, wrong, "mydata"), Error);
  wrong.reference = {{1, 2, 3}, {1, 0, 1}, "a zero deviation"};
  EXPECT_THROW(check_normalisation(Normalisation::reference, wrong, "mydata"), Error);
}

TEST(NormalisationChoice, TrainStatsArePooledAndCachedAndNoneIsTheIdentity) {
  auto data = three_band_data();
  test::TempDir dir;
  const RunNormalisation pooled =
      choose_normalisation(Normalisation::train_stats, *data, "mydata", "abc", dir.path(), 2);
  EXPECT_EQ(pooled.method, "train_stats");
  const BandStats direct = compute_band_stats(*data, 1);
  EXPECT_EQ(pooled.stats.mean, direct.mean);
  EXPECT_NE(pooled.source.find("6 train samples"), std::string::npos) << pooled.source;
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "stats" / "abc.json"));

  const RunNormalisation none =
      choose_normalisation(Normalisation::none, *data, "mydata", "abc", dir.path(), 1);
  EXPECT_EQ(none.method, "none");
  EXPECT_EQ(none.stats.mean, (std::vector<double>{0, 0, 0}));
  EXPECT_EQ(none.stats.std, (std::vector<double>{1, 1, 1}));
}

}  // namespace
}  // namespace eorun
