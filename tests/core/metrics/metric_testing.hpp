// Small helpers shared by the metric tests.
#pragma once

#include <cstdint>
#include <vector>

#include <torch/torch.h>

namespace eorun::test {

// Hand-computed fractions against double arithmetic: equal up to rounding.
constexpr double kTolerance = 1e-12;

// A [rows, columns] double tensor from row-major values.
inline at::Tensor matrix(std::vector<double> values, std::int64_t columns) {
  const auto rows = static_cast<std::int64_t>(values.size()) / columns;
  return torch::tensor(values, torch::kDouble).reshape({rows, columns});
}

}  // namespace eorun::test
