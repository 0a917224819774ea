// Batches of one split for one epoch, assembled by worker threads ahead of the consumer.
//
// Determinism: the sample order comes from epoch_order(size, seed, epoch, shuffle) and batch b
// always holds positions [b * batch_size, (b + 1) * batch_size) of that order. Workers claim whole
// batches by index and the consumer receives them strictly in index order (a reorder buffer), so
// the batches are identical for any number of threads. At most `prefetch` batches are claimed
// ahead of the one the consumer waits for (bounded memory).
//
// Augmentation: when options.augment enables any, each sample's groups are flipped and turned as
// drawn for (seed, epoch, dataset index) after normalisation (see augmentation.hpp).
//
// Normalisation: every input channel is mapped to (x - mean) / std with the BandStats given
// (channels of all input groups concatenated, as DatasetInfo::band_names()). A channel with std 0
// (a constant band) is only centred.
//
// Datasets that implement DirectSamples (the packed cache) are written straight into the batch
// buffers, without a tensor per sample; the batches are bit-identical to those of Dataset::get.
//
// Errors: an exception thrown by Dataset::get (or a sample of the wrong shape, reported as
// eorun::Error naming the sample) is rethrown by next() when the consumer reaches that batch.
// Destroying the loader mid-epoch stops the workers and joins them.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <ATen/core/Tensor.h>

#include "data/augmentation.hpp"
#include "data/band_stats.hpp"
#include "data/direct_samples.hpp"
#include "eorun/dataset.hpp"

namespace eorun {

struct Batch {
  std::size_t index = 0;           // 0-based position of the batch in the epoch
  std::vector<at::Tensor> inputs;  // per input group: float32 [B, C, H, W], normalised
  at::Tensor target;               // float32 [B, num_classes] (multi-label) or int64 [B]
  std::vector<std::string> ids;    // sample ids in batch order
  std::int64_t size() const { return static_cast<std::int64_t>(ids.size()); }
};

struct BatchLoaderOptions {
  std::size_t batch_size = 32;
  bool shuffle = false;      // true for training; validation and test read in dataset order
  std::uint64_t seed = 0;    // the run's seed
  std::uint64_t epoch = 0;   // selects the epoch's permutation together with the seed
  int threads = 1;           // worker threads; does not change any batch
  std::size_t prefetch = 0;  // batches claimed ahead of the consumer; 0 means 2 * threads
  AugmentationSet augment;   // drawn per (seed, epoch, sample index); the train split only
  bool pin_memory = false;   // page-locked batches, copied to a GPU without staging (CUDA only)
};

class BatchLoader {
 public:
  // Throws eorun::Error when the options or the normalisation do not fit the dataset.
  BatchLoader(std::shared_ptr<const Dataset> dataset, const BandStats& normalisation,
              BatchLoaderOptions options);
  ~BatchLoader();
  BatchLoader(const BatchLoader&) = delete;
  BatchLoader& operator=(const BatchLoader&) = delete;

  std::size_t batch_count() const { return batch_count_; }
  std::size_t sample_count() const { return order_.size(); }

  // The next batch in order, or std::nullopt after the last one. Rethrows the exception of a
  // sample in this batch. Call from one thread.
  std::optional<Batch> next();

  // Seconds next() spent blocked waiting for a batch that was not ready yet.
  double wait_seconds() const { return wait_seconds_; }

 private:
  struct Slot {
    std::optional<Batch> batch;
    std::exception_ptr error;
  };

  void work();
  Batch assemble(std::size_t batch_index) const;
  Batch assemble_direct(std::size_t batch_index, const DirectSamples& direct) const;
  // Per input group a float32 [count, C, H, W] tensor to fill: a pooled buffer the consumer no
  // longer holds, or a new one (added to the pool while it is small). Reusing buffers spares
  // the page faults of fresh memory for every batch.
  std::vector<at::Tensor> input_buffers(std::int64_t count) const;
  void normalise_into(const at::Tensor& sample_input, std::size_t group,
                      float* destination) const;

  std::shared_ptr<const Dataset> dataset_;
  const DirectSamples* direct_ = nullptr;  // dataset_ itself, when it implements the interface
  BatchLoaderOptions options_;
  std::vector<std::size_t> order_;
  std::size_t batch_count_ = 0;
  std::size_t prefetch_ = 0;
  std::vector<std::vector<std::int64_t>> group_shapes_;  // declared [C, H, W] per group
  std::vector<std::size_t> group_channel_offset_;
  std::vector<float> mean_;
  std::vector<float> inverse_std_;

  mutable std::mutex pool_mutex_;
  mutable std::vector<std::vector<at::Tensor>> buffer_pool_;  // per group [batch_size, C, H, W]
  std::size_t max_pooled_buffers_ = 0;

  std::mutex mutex_;
  std::condition_variable work_available_;
  std::condition_variable batch_ready_;
  std::size_t next_to_claim_ = 0;
  std::size_t next_to_deliver_ = 0;
  std::map<std::size_t, Slot> finished_;
  bool stopping_ = false;
  double wait_seconds_ = 0;
  std::vector<std::thread> workers_;
};

}  // namespace eorun
