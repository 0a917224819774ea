#include "metrics/metric_input.hpp"

#include <cmath>
#include <sstream>
#include <string>

#include <ATen/ATen.h>

#include "eorun/error.hpp"
#include "util/shape_text.hpp"

namespace eorun {

namespace {


// The tensor's values converted to `type` (T's scalar type), row-major, in one copy.
template <typename T>
std::vector<T> values_of(const at::Tensor& tensor, at::ScalarType type) {
  std::vector<T> values(static_cast<std::size_t>(tensor.numel()));
  at::from_blob(values.data(), tensor.sizes(), at::TensorOptions().dtype(type))
      .copy_(tensor.detach());
  return values;
}

}  // namespace

ScoreMatrix score_matrix(const at::Tensor& scores) {
  if (scores.dim() != 2)
    throw Error("metrics", "scores of shape " + shape_text(scores.sizes()) + " are not [N, C]",
                "pass one row of class scores per sample");
  if (scores.size(0) == 0 || scores.size(1) == 0)
    throw Error("metrics", "there are no samples or no classes to evaluate (scores " +
                               shape_text(scores.sizes()) + ")",
                "check that the evaluated split is not empty");
  ScoreMatrix matrix;
  matrix.samples = static_cast<std::size_t>(scores.size(0));
  matrix.classes = static_cast<std::size_t>(scores.size(1));
  matrix.values = values_of<double>(scores, at::kDouble);
  for (std::size_t i = 0; i < matrix.values.size(); ++i)
    if (!std::isfinite(matrix.values[i]))
      throw Error("metrics",
                  "the score of sample " + std::to_string(i / matrix.classes) + ", class " +
                      std::to_string(i % matrix.classes) + " is " +
                      (std::isnan(matrix.values[i]) ? "NaN" : "infinite"),
                  "scores must be finite probabilities; check the model's output");
  return matrix;
}

std::vector<std::uint8_t> label_indicators(const at::Tensor& targets, const ScoreMatrix& scores) {
  const auto rows = static_cast<std::int64_t>(scores.samples);
  const auto columns = static_cast<std::int64_t>(scores.classes);
  if (targets.dim() != 2 || targets.size(0) != rows || targets.size(1) != columns)
    throw Error("metrics",
                "targets " + shape_text(targets.sizes()) + " and scores " +
                    shape_text({rows, columns}) + " must both be [N, C] of one shape",
                "pass one row of scores and of 0/1 targets per sample");
  return values_of<std::uint8_t>(targets.detach().gt(0.5), at::kByte);
}

std::vector<std::int64_t> class_indices(const at::Tensor& targets, const ScoreMatrix& scores) {
  const auto rows = static_cast<std::int64_t>(scores.samples);
  if (targets.dim() != 1 || targets.size(0) != rows)
    throw Error("metrics",
                "targets " + shape_text(targets.sizes()) + " do not match scores " +
                    shape_text({rows, static_cast<std::int64_t>(scores.classes)}),
                "pass one class index per sample: targets [N] for scores [N, C]");
  if (!at::isIntegralType(targets.scalar_type(), /*includeBool=*/false))
    throw Error("metrics",
                std::string("single-label targets are of type ") +
                    at::toString(targets.scalar_type()),
                "pass class indices as an integer tensor (int64)");
  std::vector<std::int64_t> indices = values_of<std::int64_t>(targets, at::kLong);
  const auto classes = static_cast<std::int64_t>(scores.classes);
  for (std::size_t i = 0; i < indices.size(); ++i)
    if (indices[i] < 0 || indices[i] >= classes)
      throw Error("metrics",
                  "sample " + std::to_string(i) + " has class index " +
                      std::to_string(indices[i]) + ", outside [0, " + std::to_string(classes) +
                      ")",
                  "targets must index the score columns");
  return indices;
}

}  // namespace eorun
