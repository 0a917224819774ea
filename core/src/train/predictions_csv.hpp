// Test-split predictions as CSV: a header `id,<class name>...,<truth columns>...`, then one row
// per sample with its id, one score per class (%.9g: a float32 score reads back exactly) and its
// truth as integers, so every metric can be recomputed with another tool. RFC 4180 quoting, since
// class names may hold commas. Written to a temporary file and renamed into place.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

namespace eorun {

// The truth written after the scores: `values` is [ids.size(), columns.size()] of integers.
struct PredictionTruth {
  std::vector<std::string> columns;
  at::Tensor values;
};

// `scores` is [ids.size(), class_names.size()]. Throws eorun::Error naming the path on failure.
void write_predictions_csv(const std::filesystem::path& path,
                           const std::vector<std::string>& class_names,
                           const std::vector<std::string>& ids, const at::Tensor& scores,
                           const PredictionTruth& truth = {});

}  // namespace eorun
