// How often each class occurs in the train split: what weighted losses need (LossContext), read
// once per data set from the dataset's targets (Dataset::target, no pixels) and cached.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "eorun/dataset.hpp"

namespace eorun {

struct ClassCounts {
  std::int64_t samples = 0;
  // Multi-label: samples where the class is positive; single-label: samples of the class.
  std::vector<std::int64_t> per_class;
};

// The class indices of one target: the 1s of a [classes] multi-hot vector, or the single class
// index. Throws eorun::Error naming `subject` when the target does not fit the task and the class
// count.
std::vector<std::int64_t> target_classes(const at::Tensor& target, Task task,
                                         std::int64_t classes, const std::string& subject);

// Reads every target of `train` (on `threads` threads; the result does not depend on it). Throws
// eorun::Error naming the sample when a target does not fit the task and the class count.
ClassCounts compute_class_counts(const Dataset& train, int threads);

// Cached in `cache_dir/class-counts/<data_hash>.json`; computed and written (atomically) on a miss.
// A cache file that does not parse or does not fit the dataset is recomputed, never trusted.
ClassCounts load_or_compute_class_counts(const Dataset& train, const std::string& data_hash,
                                         const std::filesystem::path& cache_dir, int threads);

}  // namespace eorun
