#include "data/batch_loader.hpp"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <sstream>
#include <utility>

#include <ATen/ATen.h>

#include "data/channel_normalise.hpp"
#include "data/direct_samples.hpp"
#include "data/shuffle_order.hpp"
#include "eorun/error.hpp"
#include "util/shape_text.hpp"

namespace eorun {

namespace {


std::size_t total_channels(const std::vector<std::vector<std::int64_t>>& shapes) {
  std::size_t channels = 0;
  for (const auto& shape : shapes) channels += shape.empty() ? 0 : static_cast<std::size_t>(shape[0]);
  return channels;
}

}  // namespace

BatchLoader::BatchLoader(std::shared_ptr<const Dataset> dataset, const BandStats& normalisation,
                         BatchLoaderOptions options)
    : dataset_(std::move(dataset)), options_(options) {
  if (!dataset_) throw Error("batch loader", "no dataset was given", "pass a dataset");
  if (options_.batch_size == 0)
    throw Error("train.batch_size", "must be at least 1, got 0", "set a positive batch size");
  const DatasetInfo& info = dataset_->info();
  group_shapes_ = info.input_shapes();
  if (group_shapes_.empty())
    throw Error("dataset", "declares no input groups (DatasetInfo::inputs is empty)",
                "the dataset plugin must fill inputs with one group per input tensor");
  for (const auto& shape : group_shapes_) {
    if (shape.size() != 3 || shape[0] < 1 || shape[1] < 1 || shape[2] < 1)
      throw Error("dataset", "declares an input shape " + shape_text(shape) +
                                 " that is not [C, H, W] with positive sizes",
                  "fix DatasetInfo::inputs in the dataset plugin");
  }
  if (options_.augment.rot90)
    for (std::size_t g = 0; g < group_shapes_.size(); ++g)
      if (group_shapes_[g][1] != group_shapes_[g][2])
        throw Error("train.augment", "rot90 needs square inputs, input group " + std::to_string(g) +
                                         " is " + shape_text(group_shapes_[g]),
                    "leave rot90 out of train.augment for this dataset");
  const std::size_t channels = total_channels(group_shapes_);
  if (normalisation.mean.size() != channels || normalisation.std.size() != channels)
    throw Error("normalisation",
                "has " + std::to_string(normalisation.mean.size()) + " means and " +
                    std::to_string(normalisation.std.size()) + " deviations for " +
                    std::to_string(channels) + " input channels",
                "compute the band statistics for this dataset and band selection");
  std::size_t offset = 0;
  for (const auto& shape : group_shapes_) {
    group_channel_offset_.push_back(offset);
    offset += static_cast<std::size_t>(shape[0]);
  }
  ChannelScaling scaling = channel_scaling(normalisation.mean, normalisation.std);
  mean_ = std::move(scaling.mean);
  inverse_std_ = std::move(scaling.inverse_std);

  direct_ = dynamic_cast<const DirectSamples*>(dataset_.get());
  order_ = epoch_order(dataset_->size(), options_.seed, options_.epoch, options_.shuffle);
  batch_count_ = (order_.size() + options_.batch_size - 1) / options_.batch_size;
  const int threads = std::max(1, options_.threads);
  prefetch_ = options_.prefetch > 0 ? options_.prefetch : 2 * static_cast<std::size_t>(threads);
  // Batches in flight: claimed ahead, being assembled, and the one or two the consumer holds.
  max_pooled_buffers_ = prefetch_ + static_cast<std::size_t>(threads) + 2;
  const std::size_t worker_count = std::min<std::size_t>(threads, batch_count_);
  workers_.reserve(worker_count);
  try {
    for (std::size_t i = 0; i < worker_count; ++i) workers_.emplace_back([this] { work(); });
  } catch (...) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    work_available_.notify_all();
    for (auto& worker : workers_) worker.join();
    throw;
  }
}

BatchLoader::~BatchLoader() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_available_.notify_all();
  for (auto& worker : workers_) worker.join();
}

void BatchLoader::work() {
  for (;;) {
    std::size_t batch_index = 0;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_available_.wait(lock, [this] {
        return stopping_ || next_to_claim_ >= batch_count_ ||
               next_to_claim_ < next_to_deliver_ + prefetch_;
      });
      if (stopping_ || next_to_claim_ >= batch_count_) return;
      batch_index = next_to_claim_++;
    }
    Slot slot;
    try {
      slot.batch = assemble(batch_index);
    } catch (...) {
      slot.error = std::current_exception();
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      finished_.emplace(batch_index, std::move(slot));
    }
    batch_ready_.notify_all();
  }
}

std::optional<Batch> BatchLoader::next() {
  Slot slot;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    if (next_to_deliver_ >= batch_count_) return std::nullopt;
    auto ready = [this] { return finished_.count(next_to_deliver_) != 0; };
    if (!ready()) {
      const auto start = std::chrono::steady_clock::now();
      batch_ready_.wait(lock, ready);
      wait_seconds_ +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    auto it = finished_.find(next_to_deliver_);
    slot = std::move(it->second);
    finished_.erase(it);
    ++next_to_deliver_;
  }
  work_available_.notify_all();
  if (slot.error) std::rethrow_exception(slot.error);
  return std::move(slot.batch);
}

void BatchLoader::normalise_into(const at::Tensor& sample_input, std::size_t group,
                                 float* destination) const {
  const at::Tensor input = sample_input.to(at::kFloat).contiguous();
  const auto& shape = group_shapes_[group];
  const std::size_t offset = group_channel_offset_[group];
  normalise_channels(input.data_ptr<float>(), static_cast<std::size_t>(shape[0]),
                     static_cast<std::size_t>(shape[1] * shape[2]), mean_.data() + offset,
                     inverse_std_.data() + offset, destination);
}

std::vector<at::Tensor> BatchLoader::input_buffers(std::int64_t count) const {
  // A buffer is free when the pool holds the only reference to its tensors and their memory:
  // the consumer let go of the batch it was lent in (copies of a tensor hold the tensor; views
  // of it, and autograd's saved inputs, hold its storage).
  auto is_free = [](const std::vector<at::Tensor>& buffer) {
    for (const at::Tensor& t : buffer)
      if (t.use_count() != 1 || t.storage().use_count() != 1) return false;
    return true;
  };
  std::vector<at::Tensor> buffer;
  {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    for (const std::vector<at::Tensor>& pooled : buffer_pool_)
      if (is_free(pooled)) {
        buffer = pooled;  // these references now keep it from being taken twice
        break;
      }
  }
  if (buffer.empty()) {
    const auto rows = static_cast<std::int64_t>(options_.batch_size);
    for (const auto& shape : group_shapes_)
      buffer.push_back(at::empty({rows, shape[0], shape[1], shape[2]},
                                 at::TensorOptions(at::kFloat).pinned_memory(options_.pin_memory)));
    std::lock_guard<std::mutex> lock(pool_mutex_);
    if (buffer_pool_.size() < max_pooled_buffers_) buffer_pool_.push_back(buffer);
  }
  if (count < static_cast<std::int64_t>(options_.batch_size))
    for (at::Tensor& t : buffer) t = t.narrow(0, 0, count);
  return buffer;
}

Batch BatchLoader::assemble_direct(std::size_t batch_index, const DirectSamples& direct) const {
  const std::size_t begin = batch_index * options_.batch_size;
  const std::size_t end = std::min(begin + options_.batch_size, order_.size());
  const auto count = static_cast<std::int64_t>(end - begin);
  const auto pinned = at::TensorOptions().pinned_memory(options_.pin_memory);

  Batch batch;
  batch.index = batch_index;
  batch.ids.reserve(end - begin);
  batch.inputs = input_buffers(count);
  std::vector<float*> group_base;
  for (const at::Tensor& input : batch.inputs) group_base.push_back(input.data_ptr<float>());
  std::vector<std::int64_t> target_shape{count};
  const std::vector<std::int64_t>& sample_target = direct.target_shape();
  target_shape.insert(target_shape.end(), sample_target.begin(), sample_target.end());
  batch.target = at::empty(target_shape, pinned.dtype(direct.target_type()));
  auto* target_base = static_cast<std::uint8_t*>(batch.target.data_ptr());
  const std::size_t target_bytes = count > 0 ? batch.target.nbytes() / static_cast<std::size_t>(count) : 0;

  for (std::size_t position = begin; position < end; ++position) {
    const std::size_t row = position - begin;
    const std::size_t index = order_[position];
    const AugmentDraw draw = options_.augment.any()
                                 ? draw_augmentation(options_.augment, options_.seed, options_.epoch, index)
                                 : AugmentDraw{};
    for (std::size_t group = 0; group < group_shapes_.size(); ++group) {
      const auto& shape = group_shapes_[group];
      const auto elements = static_cast<std::size_t>(shape[0] * shape[1] * shape[2]);
      const std::size_t offset = group_channel_offset_[group];
      float* destination = group_base[group] + row * elements;
      direct.normalise_into(index, group, mean_.data() + offset, inverse_std_.data() + offset, destination);
      if (!draw.identity()) {
        at::Tensor slot = batch.inputs[group][static_cast<std::int64_t>(row)];
        slot.copy_(apply_augmentation(draw, slot));
      }
    }
    direct.copy_target(index, target_base + row * target_bytes);
    batch.ids.push_back(dataset_->sample_id(index));
  }
  return batch;
}

Batch BatchLoader::assemble(std::size_t batch_index) const {
  if (direct_ != nullptr) return assemble_direct(batch_index, *direct_);
  const std::size_t begin = batch_index * options_.batch_size;
  const std::size_t end = std::min(begin + options_.batch_size, order_.size());
  const auto count = static_cast<std::int64_t>(end - begin);

  Batch batch;
  batch.index = batch_index;
  batch.ids.reserve(end - begin);
  batch.inputs = input_buffers(count);
  std::vector<at::Tensor> targets;
  targets.reserve(end - begin);

  for (std::size_t position = begin; position < end; ++position) {
    const std::size_t row = position - begin;
    Sample sample = dataset_->get(order_[position]);
    const std::string subject = "sample '" + sample.id + "' (index " +
                                std::to_string(order_[position]) + ")";
    if (sample.inputs.size() != group_shapes_.size())
      throw Error(subject,
                  "has " + std::to_string(sample.inputs.size()) + " input tensors, the dataset "
                      "declares " + std::to_string(group_shapes_.size()) + " input groups",
                  "the dataset plugin must return one tensor per declared input group");
    const AugmentDraw draw = options_.augment.any()
                                 ? draw_augmentation(options_.augment, options_.seed,
                                                     options_.epoch, order_[position])
                                 : AugmentDraw{};
    for (std::size_t group = 0; group < group_shapes_.size(); ++group) {
      const at::Tensor& input = sample.inputs[group];
      if (!input.defined() || input.sizes() != at::IntArrayRef(group_shapes_[group]))
        throw Error(subject,
                    "input group " + std::to_string(group) + " has shape " +
                        (input.defined() ? shape_text(input.sizes()) : std::string("(none)")) +
                        ", the dataset declares " + shape_text(group_shapes_[group]),
                    "the dataset plugin must return tensors of the declared shape");
      at::Tensor slot = batch.inputs[group][static_cast<std::int64_t>(row)];
      normalise_into(input, group, slot.data_ptr<float>());
      if (!draw.identity()) slot.copy_(apply_augmentation(draw, slot));
    }
    if (!sample.target.defined())
      throw Error(subject, "has no target", "the dataset plugin must set Sample::target");
    if (!targets.empty() && sample.target.sizes() != targets.front().sizes())
      throw Error(subject,
                  "has a target of shape " + shape_text(sample.target.sizes()) +
                      ", the sample before it " + shape_text(targets.front().sizes()),
                  "the dataset plugin must return targets of one shape");
    targets.push_back(sample.target);
    batch.ids.push_back(std::move(sample.id));
  }
  batch.target = at::stack(targets);
  if (batch.target.is_floating_point() && batch.target.scalar_type() != at::kFloat)
    batch.target = batch.target.to(at::kFloat);
  if (options_.pin_memory) batch.target = batch.target.pin_memory();
  return batch;
}

}  // namespace eorun
