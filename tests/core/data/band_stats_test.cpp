#include "data/band_stats.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include <torch/torch.h>

#include "core/data/memory_dataset.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using test::MemoryDataset;

// Two one-band 2x2 images of different variance.
std::shared_ptr<MemoryDataset> two_images() {
  DatasetInfo info;
  info.class_names = {"a"};
  info.inputs = {{"x", {"B1"}, 10.0, {1, 2, 2}}};
  auto image = [](std::vector<float> values, std::string id) {
    Sample sample;
    sample.id = std::move(id);
    sample.inputs = {torch::tensor(values).reshape({1, 2, 2})};
    sample.target = torch::ones({1});
    return sample;
  };
  return std::make_shared<MemoryDataset>(
      info, std::vector<Sample>{image({1, 3, 1, 3}, "a"), image({5, 9, 5, 9}, "b")});
}

TEST(BandStats, PoolsOverAllPixels) {
  // Image a: 1 3 1 3 (mean 2, std 1); image b: 5 9 5 9 (mean 7, std 2).
  // Pooled over all 8 pixels: mean = (8 + 28) / 8 = 4.5;
  //   E[x^2] = (1 + 9 + 1 + 9 + 25 + 81 + 25 + 81) / 8 = 232 / 8 = 29;
  //   variance = 29 - 4.5^2 = 8.75; std = sqrt(8.75) = 2.9580...
  // (The mean of the per-image deviations, (1 + 2) / 2 = 1.5, would be wrong.)
  const BandStats stats = compute_band_stats(*two_images(), 1);
  ASSERT_EQ(stats.mean.size(), 1u);
  EXPECT_DOUBLE_EQ(stats.mean[0], 4.5);
  EXPECT_DOUBLE_EQ(stats.std[0], std::sqrt(8.75));
}

TEST(BandStats, AreBitwiseEqualForAnyThreadCount) {
  auto dataset = MemoryDataset::patterned(77, 4, 6, 3, 5);
  const BandStats one = compute_band_stats(*dataset, 1);
  const BandStats three = compute_band_stats(*dataset, 3);
  const BandStats eight = compute_band_stats(*dataset, 8);
  EXPECT_EQ(one.mean, three.mean);
  EXPECT_EQ(one.std, three.std);
  EXPECT_EQ(one.mean, eight.mean);
  EXPECT_EQ(one.std, eight.std);
  // And they agree with a direct double computation over every pixel of each channel.
  for (int c = 0; c < 4; ++c) {
    std::vector<at::Tensor> pixels;
    for (const auto& sample : dataset->samples()) pixels.push_back(sample.inputs[0][c].flatten());
    const at::Tensor all = torch::cat(pixels).to(at::kDouble);
    EXPECT_NEAR(one.mean[c], all.mean().item<double>(), 1e-9);
    EXPECT_NEAR(one.std[c], all.std(/*unbiased=*/false).item<double>(), 1e-9);
  }
}

TEST(BandStats, PassOnASampleError) {
  auto dataset = MemoryDataset::patterned(40, 3, 4, 5, 1);
  dataset->before_get = [](std::size_t index) {
    if (index == 21) throw Error("sample 's21'", "cannot read", "check it");
  };
  EXPECT_THROW(compute_band_stats(*dataset, 3), Error);
}

TEST(BandStats, RejectAnEmptySplit) {
  MemoryDataset empty(two_images()->info(), {});
  EXPECT_THROW(compute_band_stats(empty, 2), Error);
}

TEST(BandStats, AreCachedByDataHash) {
  test::TempDir cache;
  auto dataset = two_images();
  const BandStats first = load_or_compute_band_stats(*dataset, "abc123", cache.path(), 2);
  EXPECT_TRUE(std::filesystem::exists(cache.path() / "stats" / "abc123.json"));
  const int reads = dataset->get_calls.load();
  EXPECT_EQ(reads, 2);

  // Change the data: the cache (same data hash) still answers, without reading a sample.
  dataset->samples()[0].inputs[0].fill_(1000.0f);
  const BandStats second = load_or_compute_band_stats(*dataset, "abc123", cache.path(), 2);
  EXPECT_EQ(dataset->get_calls.load(), reads);
  EXPECT_EQ(second.mean, first.mean) << "values round-trip exactly through the JSON cache";
  EXPECT_EQ(second.std, first.std);

  // Another data hash is another cache entry.
  const BandStats third = load_or_compute_band_stats(*dataset, "def456", cache.path(), 2);
  EXPECT_NE(third.mean, first.mean);
  for (const auto& entry : std::filesystem::directory_iterator(cache.path() / "stats"))
    EXPECT_EQ(entry.path().extension(), ".json") << "no temporary file is left behind";
}

TEST(BandStats, RecomputeADamagedCacheFile) {
  test::TempDir cache;
  auto dataset = two_images();
  std::filesystem::create_directories(cache.path() / "stats");
  std::ofstream(cache.path() / "stats" / "abc.json") << "{\"format\": 1, \"mean\": [";
  const BandStats stats = load_or_compute_band_stats(*dataset, "abc", cache.path(), 1);
  EXPECT_DOUBLE_EQ(stats.mean[0], 4.5);
  EXPECT_EQ(dataset->get_calls.load(), 2);
  load_or_compute_band_stats(*dataset, "abc", cache.path(), 1);
  EXPECT_EQ(dataset->get_calls.load(), 2) << "the rewritten cache file is read";
}

TEST(BandStats, IdentityNormalisesNothing) {
  const BandStats stats = identity_band_stats(3);
  EXPECT_EQ(stats.mean, std::vector<double>(3, 0.0));
  EXPECT_EQ(stats.std, std::vector<double>(3, 1.0));
}

}  // namespace
}  // namespace eorun
