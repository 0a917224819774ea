// Datasets of more than one input group (e.g. Sentinel-2's 10 m, 20 m and 60 m bands at their
// native sizes): statistics per channel of all groups in input order, a batch tensor per group
// normalised with its own channels' statistics, one geometric transform for every group.
#include <gtest/gtest.h>

#include <torch/torch.h>

#include "core/data/memory_dataset.hpp"
#include "data/band_stats.hpp"
#include "data/batch_loader.hpp"

namespace eorun {
namespace {

using test::MemoryDataset;

constexpr std::int64_t kChannels = 2;
constexpr std::int64_t kSide = 8;

std::shared_ptr<MemoryDataset> two_groups(std::size_t count = 20) {
  return MemoryDataset::two_resolutions(count, kChannels, kSide, 3, 5);
}

// Every sample's tensor of input group `group`, stacked: [N, C, H, W].
at::Tensor all_of(const MemoryDataset& data, std::size_t group) {
  std::vector<at::Tensor> inputs;
  for (std::size_t i = 0; i < data.size(); ++i) inputs.push_back(data.get(i).inputs[group]);
  return at::stack(inputs);
}

TEST(InputGroups, StatisticsFollowTheChannelsOfEveryGroupInInputOrder) {
  auto data = two_groups();
  EXPECT_EQ(data->info().band_names(), (std::vector<std::string>{"B0", "B1", "C0", "C1"}));
  const BandStats stats = compute_band_stats(*data, 2);
  ASSERT_EQ(stats.mean.size(), 4u);
  ASSERT_EQ(stats.std.size(), 4u);
  for (std::size_t group = 0; group < 2; ++group) {
    const at::Tensor pixels = all_of(*data, group).to(at::kDouble);
    for (std::int64_t c = 0; c < kChannels; ++c) {
      const at::Tensor channel = pixels.select(1, c);
      const std::size_t k = group * kChannels + static_cast<std::size_t>(c);
      EXPECT_NEAR(stats.mean[k], channel.mean().item<double>(), 1e-9) << k;
      EXPECT_NEAR(stats.std[k], channel.std(/*unbiased=*/false).item<double>(), 1e-9) << k;
    }
  }
  EXPECT_GT(stats.std[0], stats.std[2]) << "block means vary less than pixels";
}

TEST(InputGroups, EachGroupIsNormalisedWithItsOwnChannelsStatistics) {
  auto data = two_groups(5);
  BandStats stats;
  stats.mean = {100.0, 101.0, 102.0, 103.0};
  stats.std = {2.0, 4.0, 8.0, 16.0};
  BatchLoaderOptions options;
  options.batch_size = 5;
  BatchLoader loader(data, stats, options);
  const auto batch = loader.next();
  ASSERT_TRUE(batch);
  ASSERT_EQ(batch->inputs.size(), 2u);
  EXPECT_EQ(batch->inputs[0].sizes(), at::IntArrayRef({5, kChannels, kSide, kSide}));
  EXPECT_EQ(batch->inputs[1].sizes(), at::IntArrayRef({5, kChannels, kSide / 2, kSide / 2}));
  for (std::size_t group = 0; group < 2; ++group) {
    const at::Tensor raw = all_of(*data, group);
    for (std::int64_t c = 0; c < kChannels; ++c) {
      const std::size_t k = group * kChannels + static_cast<std::size_t>(c);
      const at::Tensor expected =
          (raw.select(1, c) - stats.mean[k]) / static_cast<float>(stats.std[k]);
      EXPECT_TRUE(torch::allclose(batch->inputs[group].select(1, c), expected, 1e-5, 1e-5))
          << "group " << group << " channel " << c;
    }
  }
}

TEST(InputGroups, EveryGroupOfASampleGetsTheSameFlipsAndTurns) {
  // The coarse group is the fine one averaged over 2x2 blocks; after any flip or quarter turn of
  // both, it still is, as long as both got the same transform.
  auto data = two_groups(24);
  BatchLoaderOptions options;
  options.batch_size = 8;
  options.shuffle = true;
  options.seed = 3;
  options.epoch = 2;
  options.threads = 2;
  options.augment = AugmentationSet{true, true, true};
  BatchLoader loader(data, identity_band_stats(2 * kChannels), options);
  std::size_t transformed = 0;
  while (auto batch = loader.next()) {
    const at::Tensor pooled = at::avg_pool2d(batch->inputs[0], {2, 2});
    EXPECT_TRUE(torch::allclose(pooled, batch->inputs[1], 1e-4, 1e-4)) << "batch " << batch->index;
    for (std::int64_t row = 0; row < batch->size(); ++row) {
      const std::size_t index = std::stoul(batch->ids[static_cast<std::size_t>(row)].substr(1));
      if (!torch::equal(batch->inputs[1][row], data->get(index).inputs[1])) ++transformed;
    }
  }
  EXPECT_GT(transformed, 12u) << "most samples are flipped or turned";
}

TEST(InputGroups, ASampleWithoutEveryGroupIsNamed) {
  auto data = two_groups(3);
  data->samples()[1].inputs.pop_back();
  BatchLoaderOptions options;
  options.batch_size = 3;
  BatchLoader loader(data, identity_band_stats(2 * kChannels), options);
  try {
    loader.next();
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "sample 's1' (index 1): has 1 input tensors, the dataset declares 2 input groups; "
                 "the dataset plugin must return one tensor per declared input group");
  }
}

TEST(InputGroups, AGroupOfTheWrongShapeIsNamed) {
  auto data = two_groups(2);
  data->samples()[0].inputs[1] = torch::zeros({kChannels, kSide, kSide});
  BatchLoader loader(data, identity_band_stats(2 * kChannels), BatchLoaderOptions{});
  try {
    loader.next();
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("input group 1 has shape [2, 8, 8], the dataset declares "
                                         "[2, 4, 4]"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace eorun
