// What the trainer spends per epoch outside the model and the loss: the task head turning the
// validation logits into scores and metric targets, the task's metric suite over the validation
// split, and the fine-tuning bookkeeping (train mode per group every epoch; every group's sha256
// at the start and at the end of a run). Each is timed on its own with the sizes of the run in
// `job`, so that it can be set against the run's epoch time.
#pragma once

#include "train/trainer.hpp"

namespace eorun::bench {

struct EpochOverhead {
  double head_seconds = 0;         // per epoch: scores and metric targets of every val batch
  double metrics_seconds = 0;      // per epoch: the metric suite over the val split
  double train_mode_seconds = 0;   // per epoch: module train(), frozen groups back to eval()
  double group_hashes_seconds = 0; // per run: the groups checked, hashed at start and at end
  double per_epoch() const { return head_seconds + metrics_seconds + train_mode_seconds; }
};

// Medians of `repeats` timings of each part for `job`'s model, val split size and batch size.
EpochOverhead measure_epoch_overhead(const TrainJob& job, int repeats);

}  // namespace eorun::bench
