// An eorun::Dataset over samples held in memory, for tests of the loader, the statistics and the
// trainer. `patterned` makes a learnable multi-label problem: each class k that is present adds a
// bright square to channel k % C in quadrant (k / C) % 4, on top of seeded noise. `one_class`
// makes the single-label version: one class per sample, drawn uniformly. `two_resolutions` adds a
// second input group at half the side.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <ATen/ATen.h>

#include "eorun/dataset.hpp"
#include "eorun/error.hpp"

namespace eorun::test {

class MemoryDataset : public Dataset {
 public:
  MemoryDataset(DatasetInfo info, std::vector<Sample> samples)
      : info_(std::move(info)), samples_(std::move(samples)) {}

  static std::shared_ptr<MemoryDataset> patterned(std::size_t count, std::int64_t channels,
                                                  std::int64_t side, std::int64_t classes,
                                                  std::uint64_t seed) {
    DatasetInfo info;
    info.task = Task::multi_label;
    for (std::int64_t k = 0; k < classes; ++k) info.class_names.push_back("class " + std::to_string(k));
    InputGroup group{"x", {}, 10.0, {channels, side, side}};
    for (std::int64_t c = 0; c < channels; ++c) group.bands.push_back("B" + std::to_string(c));
    info.inputs = {group};
    std::mt19937_64 engine(seed);
    std::uniform_real_distribution<float> noise(0.0f, 1.0f);
    std::bernoulli_distribution present(0.3);
    std::vector<Sample> samples;
    for (std::size_t i = 0; i < count; ++i) {
      Sample sample;
      sample.id = "s" + std::to_string(i);
      at::Tensor input = at::empty({channels, side, side});
      float* data = input.data_ptr<float>();
      for (std::int64_t j = 0; j < input.numel(); ++j) data[j] = 100.0f + 10.0f * noise(engine);
      at::Tensor target = at::zeros({classes});
      const std::int64_t half = side / 2;
      for (std::int64_t k = 0; k < classes; ++k) {
        if (!present(engine)) continue;
        target[k] = 1.0f;
        const std::int64_t quadrant = (k / channels) % 4;
        const std::int64_t y = (quadrant / 2) * half, x = (quadrant % 2) * half;
        input[k % channels].narrow(0, y, half).narrow(1, x, half) += 20.0f;
      }
      sample.inputs = {input};
      sample.target = target;
      samples.push_back(std::move(sample));
    }
    return std::make_shared<MemoryDataset>(std::move(info), std::move(samples));
  }

  static std::shared_ptr<MemoryDataset> one_class(std::size_t count, std::int64_t channels,
                                                  std::int64_t side, std::int64_t classes,
                                                  std::uint64_t seed) {
    std::shared_ptr<MemoryDataset> data = patterned(count, channels, side, classes, seed);
    data->info_.task = Task::single_label;
    std::mt19937_64 engine(seed + 1000);
    std::uniform_int_distribution<std::int64_t> pick(0, classes - 1);
    const std::int64_t half = side / 2;
    for (Sample& sample : data->samples_) {
      const std::int64_t k = pick(engine);
      at::Tensor& input = sample.inputs[0];
      input.clamp_max_(110.0f);  // the multi-label squares go
      const std::int64_t quadrant = (k / channels) % 4;
      const std::int64_t y = (quadrant / 2) * half, x = (quadrant % 2) * half;
      input[k % channels].narrow(0, y, half).narrow(1, x, half) += 20.0f;
      sample.target = at::scalar_tensor(k, at::kLong);
    }
    return data;
  }

  // patterned(...) plus a second input group "coarse" at half the side and 20 m, as a
  // multi-resolution dataset delivers it: each channel of the first group averaged over 2x2 blocks.
  static std::shared_ptr<MemoryDataset> two_resolutions(std::size_t count, std::int64_t channels,
                                                        std::int64_t side, std::int64_t classes,
                                                        std::uint64_t seed) {
    std::shared_ptr<MemoryDataset> data = patterned(count, channels, side, classes, seed);
    InputGroup coarse{"coarse", {}, 20.0, {channels, side / 2, side / 2}};
    for (std::int64_t c = 0; c < channels; ++c) coarse.bands.push_back("C" + std::to_string(c));
    data->info_.inputs.push_back(coarse);
    for (Sample& sample : data->samples_)
      sample.inputs.push_back(at::avg_pool2d(sample.inputs[0], {2, 2}));
    return data;
  }

  const DatasetInfo& info() const override { return info_; }
  std::size_t size() const override { return samples_.size(); }
  Sample get(std::size_t index) const override {
    ++get_calls;
    if (before_get) before_get(index);
    const Sample& stored = samples_.at(index);
    Sample copy;
    for (const auto& input : stored.inputs) copy.inputs.push_back(input.clone());
    copy.target = stored.target.clone();
    copy.id = stored.id;
    return copy;
  }
  std::vector<std::string> manifest() const override { return {}; }

  std::vector<Sample>& samples() { return samples_; }

  // Called at the start of every get(); a test makes it throw or sleep.
  std::function<void(std::size_t)> before_get;
  mutable std::atomic<int> get_calls{0};

 private:
  DatasetInfo info_;
  std::vector<Sample> samples_;
};

}  // namespace eorun::test
