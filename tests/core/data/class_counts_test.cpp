#include "data/class_counts.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include <torch/torch.h>

#include "core/data/memory_dataset.hpp"
#include "eorun/error.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using test::MemoryDataset;
using ::testing::HasSubstr;

std::shared_ptr<MemoryDataset> dataset_of(Task task, std::vector<at::Tensor> targets) {
  DatasetInfo info;
  info.task = task;
  info.class_names = {"a", "b", "c"};
  info.inputs = {{"x", {"B1"}, 10.0, {1, 1, 1}}};
  std::vector<Sample> samples;
  for (std::size_t i = 0; i < targets.size(); ++i)
    samples.push_back({{torch::zeros({1, 1, 1})}, targets[i], "s" + std::to_string(i)});
  return std::make_shared<MemoryDataset>(info, std::move(samples));
}

TEST(ClassCounts, MultiLabelCountsPositivesPerClass) {
  auto data = dataset_of(Task::multi_label, {torch::tensor({1.f, 0.f, 1.f}),
                                             torch::tensor({1.f, 0.f, 0.f}),
                                             torch::tensor({0.f, 0.f, 0.f})});
  const ClassCounts counts = compute_class_counts(*data, 2);
  EXPECT_EQ(counts.samples, 3);
  EXPECT_EQ(counts.per_class, (std::vector<std::int64_t>{2, 0, 1}));
}

TEST(ClassCounts, SingleLabelCountsSamplesPerClass) {
  std::vector<at::Tensor> targets;
  for (std::int64_t k : {2, 0, 2, 2, 1}) targets.push_back(torch::scalar_tensor(k, torch::kLong));
  const ClassCounts counts = compute_class_counts(*dataset_of(Task::single_label, targets), 1);
  EXPECT_EQ(counts.samples, 5);
  EXPECT_EQ(counts.per_class, (std::vector<std::int64_t>{1, 1, 3}));
}

TEST(ClassCounts, TheSameForAnyThreadCount) {
  std::vector<at::Tensor> targets;
  for (int i = 0; i < 1000; ++i)
    targets.push_back(torch::tensor({float(i % 2), float(i % 3 == 0), float(i % 7 == 0)}));
  auto data = dataset_of(Task::multi_label, targets);
  EXPECT_EQ(compute_class_counts(*data, 1).per_class, compute_class_counts(*data, 3).per_class);
  EXPECT_EQ(compute_class_counts(*data, 1).per_class, (std::vector<std::int64_t>{500, 334, 143}));
}

TEST(ClassCounts, ATargetThatDoesNotFitIsNamed) {
  auto wrong_size = dataset_of(Task::multi_label, {torch::tensor({1.f, 0.f})});
  EXPECT_THAT([&] { compute_class_counts(*wrong_size, 1); },
              ::testing::ThrowsMessage<Error>(HasSubstr("train sample #0: has a target of shape [2]")));
  auto not_binary = dataset_of(Task::multi_label, {torch::tensor({1.f, 0.5f, 0.f})});
  EXPECT_THROW(compute_class_counts(*not_binary, 1), Error);
  auto out_of_range =
      dataset_of(Task::single_label, {torch::scalar_tensor(3, torch::kLong)});
  EXPECT_THAT([&] { compute_class_counts(*out_of_range, 1); },
              ::testing::ThrowsMessage<Error>(HasSubstr("has class index 3, the dataset has 3 classes")));
}

TEST(ClassCounts, CachedByDataHashAndNeverTrustedWhenDamaged) {
  test::TempDir dir;
  auto data = dataset_of(Task::multi_label, {torch::tensor({1.f, 1.f, 0.f})});
  EXPECT_EQ(load_or_compute_class_counts(*data, "abc", dir.path(), 1).per_class,
            (std::vector<std::int64_t>{1, 1, 0}));
  const std::filesystem::path file = dir.path() / "class-counts" / "abc.json";
  ASSERT_TRUE(std::filesystem::exists(file));
  const int reads = data->get_calls.load();
  load_or_compute_class_counts(*data, "abc", dir.path(), 1);
  EXPECT_EQ(data->get_calls.load(), reads) << "a second call reads the cache, not the data";
  std::ofstream(file) << "{\"format\": 1, \"samples\": 1, \"per_class\": [9, 9, 9]}";
  EXPECT_EQ(load_or_compute_class_counts(*data, "abc", dir.path(), 1).per_class,
            (std::vector<std::int64_t>{1, 1, 0}));
}

}  // namespace
}  // namespace eorun
