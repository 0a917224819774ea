// Checks the tensors a metric suite is computed from and copies them into plain arrays.
//
// Every check throws eorun::Error with subject "metrics", naming what was passed and what was
// expected.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <ATen/core/Tensor.h>

namespace eorun {

// Scores [samples, classes] as doubles, row-major.
struct ScoreMatrix {
  std::size_t samples = 0;
  std::size_t classes = 0;
  std::vector<double> values;

  double at(std::size_t sample, std::size_t label) const {
    return values[sample * classes + label];
  }
};

// Scores of any numeric type, [N, C] with N, C >= 1, every value finite (a ranking of NaN has no
// meaning).
ScoreMatrix score_matrix(const at::Tensor& scores);

// Multi-label targets of the shape of `scores`, row-major; 1 where the target is > 0.5 (0/1
// targets of any numeric type), else 0.
std::vector<std::uint8_t> label_indicators(const at::Tensor& targets, const ScoreMatrix& scores);

// Single-label targets: [N] class indices of an integer type, each in [0, C).
std::vector<std::int64_t> class_indices(const at::Tensor& targets, const ScoreMatrix& scores);

}  // namespace eorun
