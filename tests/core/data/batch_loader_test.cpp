#include "data/batch_loader.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include <torch/torch.h>

#include "core/data/memory_dataset.hpp"

namespace eorun {
namespace {

using test::MemoryDataset;

std::vector<std::vector<std::string>> batch_ids(const std::shared_ptr<const Dataset>& dataset,
                                                BatchLoaderOptions options) {
  BatchLoader loader(dataset, identity_band_stats(3), options);
  std::vector<std::vector<std::string>> ids;
  while (auto batch = loader.next()) {
    EXPECT_EQ(batch->index, ids.size());
    ids.push_back(batch->ids);
  }
  return ids;
}

BatchLoaderOptions shuffled(std::uint64_t seed, int threads) {
  BatchLoaderOptions options;
  options.batch_size = 8;
  options.shuffle = true;
  options.seed = seed;
  options.epoch = 1;
  options.threads = threads;
  return options;
}

TEST(BatchLoader, BatchesAreIdenticalForAnyThreadCount) {
  auto dataset = MemoryDataset::patterned(103, 3, 4, 5, 1);
  const auto one = batch_ids(dataset, shuffled(7, 1));
  ASSERT_EQ(one.size(), 13u);  // 12 full batches and one of 7
  EXPECT_EQ(one.back().size(), 7u);
  EXPECT_EQ(batch_ids(dataset, shuffled(7, 2)), one);
  EXPECT_EQ(batch_ids(dataset, shuffled(7, 4)), one);
  EXPECT_NE(batch_ids(dataset, shuffled(8, 4)), one) << "another seed, another order";
  BatchLoaderOptions next_epoch = shuffled(7, 2);
  next_epoch.epoch = 2;
  EXPECT_NE(batch_ids(dataset, next_epoch), one) << "another epoch, another order";
}

TEST(BatchLoader, TensorsAreIdenticalForAnyThreadCount) {
  auto dataset = MemoryDataset::patterned(40, 3, 4, 5, 1);
  auto tensors = [&](int threads) {
    BatchLoader loader(dataset, identity_band_stats(3), shuffled(3, threads));
    std::vector<at::Tensor> out;
    while (auto batch = loader.next()) {
      out.push_back(batch->inputs[0]);
      out.push_back(batch->target);
    }
    return out;
  };
  const auto a = tensors(1), b = tensors(4);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_TRUE(torch::equal(a[i], b[i])) << i;
}

// Batch buffers are reused once the consumer lets go of them, never while it holds a batch, a
// view of one, or a tensor computed from one that keeps it.
TEST(BatchLoader, NeverReusesTheMemoryOfABatchTheConsumerStillHolds) {
  auto dataset = MemoryDataset::patterned(90, 3, 4, 5, 2);
  BatchLoader loader(dataset, identity_band_stats(3), shuffled(5, 2));
  std::vector<at::Tensor> whole, views;
  std::vector<std::vector<std::string>> ids;
  std::size_t b = 0;
  while (auto batch = loader.next()) {
    if (b % 3 == 0) whole.push_back(batch->inputs[0]);
    if (b % 3 == 1) views.push_back(batch->inputs[0][0]);
    ids.push_back(batch->ids);
    ++b;
  }
  auto expected = [&](const std::string& id) { return dataset->get(std::stoul(id.substr(1))).inputs[0]; };
  for (std::size_t i = 0; i < whole.size(); ++i)
    for (std::int64_t row = 0; row < whole[i].size(0); ++row)
      EXPECT_TRUE(torch::equal(whole[i][row], expected(ids[3 * i][static_cast<std::size_t>(row)]))) << i;
  for (std::size_t i = 0; i < views.size(); ++i)
    EXPECT_TRUE(torch::equal(views[i], expected(ids[3 * i + 1][0]))) << i;
}

TEST(BatchLoader, EveryEpochVisitsEverySampleOnce) {
  auto dataset = MemoryDataset::patterned(50, 3, 4, 5, 1);
  std::multiset<std::string> seen;
  for (const auto& batch : batch_ids(dataset, shuffled(7, 3)))
    seen.insert(batch.begin(), batch.end());
  EXPECT_EQ(seen.size(), 50u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 50u);
}

TEST(BatchLoader, ReadsInDatasetOrderWithoutShuffle) {
  auto dataset = MemoryDataset::patterned(5, 3, 4, 5, 1);
  BatchLoaderOptions options;
  options.batch_size = 2;
  options.threads = 3;
  const std::vector<std::vector<std::string>> expected = {{"s0", "s1"}, {"s2", "s3"}, {"s4"}};
  EXPECT_EQ(batch_ids(dataset, options), expected);
}

TEST(BatchLoader, NormalisesEachChannel) {
  DatasetInfo info;
  info.class_names = {"a"};
  info.inputs = {{"x", {"B1", "B2"}, 10.0, {2, 1, 2}}};
  Sample sample;
  sample.id = "only";
  sample.inputs = {torch::tensor({10.0f, 20.0f, 1.0f, 3.0f}).reshape({2, 1, 2})};
  sample.target = torch::ones({1});
  auto dataset = std::make_shared<MemoryDataset>(info, std::vector<Sample>{sample});
  BandStats stats;
  stats.mean = {15.0, 2.0};
  stats.std = {5.0, 0.0};  // a constant band (std 0) is only centred
  BatchLoader loader(dataset, stats, BatchLoaderOptions{});
  auto batch = loader.next();
  ASSERT_TRUE(batch);
  const at::Tensor expected = torch::tensor({-1.0f, 1.0f, -1.0f, 1.0f}).reshape({1, 2, 1, 2});
  EXPECT_TRUE(torch::allclose(batch->inputs[0], expected)) << batch->inputs[0];
  EXPECT_EQ(batch->target.scalar_type(), at::kFloat);
  EXPECT_EQ(batch->target.sizes(), at::IntArrayRef({1, 1}));
  EXPECT_FALSE(loader.next());
}

TEST(BatchLoader, RejectsStatisticsOfAnotherChannelCount) {
  auto dataset = MemoryDataset::patterned(5, 3, 4, 5, 1);
  try {
    BatchLoader loader(dataset, identity_band_stats(12), BatchLoaderOptions{});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), "normalisation");
    EXPECT_NE(std::string(e.what()).find("12 means"), std::string::npos) << e.what();
  }
}

TEST(BatchLoader, PassesASampleErrorToTheConsumerInOrder) {
  auto dataset = MemoryDataset::patterned(40, 3, 4, 5, 1);
  dataset->before_get = [](std::size_t index) {
    if (index == 13) throw Error("sample 's13'", "cannot read band B04", "check the file");
  };
  BatchLoaderOptions options;
  options.batch_size = 4;
  options.threads = 4;
  BatchLoader loader(dataset, identity_band_stats(3), options);
  for (int b = 0; b < 3; ++b) ASSERT_TRUE(loader.next()) << "batches before the bad sample arrive";
  try {
    loader.next();
    FAIL() << "expected the sample's error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "sample 's13': cannot read band B04; check the file");
  }
}

TEST(BatchLoader, ReportsASampleOfTheWrongShape) {
  auto dataset = MemoryDataset::patterned(4, 3, 4, 5, 1);
  dataset->samples()[2].inputs[0] = torch::zeros({3, 5, 4});
  BatchLoaderOptions options;
  options.batch_size = 4;
  BatchLoader loader(dataset, identity_band_stats(3), options);
  try {
    loader.next();
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), "sample 's2' (index 2)");
    EXPECT_NE(std::string(e.what()).find("[3, 5, 4]"), std::string::npos) << e.what();
  }
}

TEST(BatchLoader, StopsCleanlyWhenDestroyedMidEpoch) {
  auto dataset = MemoryDataset::patterned(200, 3, 4, 5, 1);
  dataset->before_get = [](std::size_t) { std::this_thread::sleep_for(std::chrono::milliseconds(1)); };
  BatchLoaderOptions options;
  options.batch_size = 4;
  options.threads = 4;
  {
    BatchLoader loader(dataset, identity_band_stats(3), options);
    ASSERT_TRUE(loader.next());
  }  // joins its workers here; a hang or crash fails the test
  EXPECT_LT(dataset->get_calls.load(), 200) << "prefetch is bounded: not the whole epoch was read";
}

TEST(BatchLoader, MeasuresTheTimeTheConsumerWaits) {
  auto dataset = MemoryDataset::patterned(8, 3, 4, 5, 1);
  dataset->before_get = [](std::size_t) { std::this_thread::sleep_for(std::chrono::milliseconds(5)); };
  BatchLoaderOptions options;
  options.batch_size = 2;
  BatchLoader loader(dataset, identity_band_stats(3), options);
  while (loader.next()) {
  }
  EXPECT_GT(loader.wait_seconds(), 0.01);
  EXPECT_LT(loader.wait_seconds(), 10.0);
}

}  // namespace
}  // namespace eorun
