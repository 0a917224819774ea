// Checks and helpers the loss plugins of this tree share. Every error names the loss as
// "loss <name>", the subject eorun prints.
#pragma once

#include <string>

#include <ATen/core/Tensor.h>

#include "eorun/dataset.hpp"
#include "eorun/loss.hpp"

namespace eorun::losses {

// "loss <name>", the subject of every error a loss throws.
std::string subject_of(const std::string& loss);

// The loss plugins of this tree that accept each task, as a remedy names them.
inline constexpr const char* kMultiLabelLosses = "bce, weighted_bce, focal, asymmetric or mse";
inline constexpr const char* kSingleLabelLosses = "cross_entropy or mse";

// Throws eorun::Error ("needs a single-label dataset, got multi-label", or the reverse) unless the
// dataset's task is `needed`; the remedy names this tree's losses for the dataset's task.
void require_task(const std::string& loss, const LossContext& context, Task needed);

// A multi-label batch: logits [N, C] and target [N, C]. Throws eorun::Error naming both shapes.
void check_multi_label_batch(const std::string& loss, const at::Tensor& logits,
                             const at::Tensor& target);
// A single-label batch: logits [N, C] and target [N] of class indices. Throws eorun::Error naming
// both shapes.
void check_single_label_batch(const std::string& loss, const at::Tensor& logits,
                              const at::Tensor& target);

// The train split's per-class counts as a float64 tensor [C]. Throws eorun::Error when the
// context holds no count per class.
at::Tensor class_counts_of(const std::string& loss, const LossContext& context);

// 0/1 targets pulled towards 0.5 by label smoothing s: t * (1 - s) + s / 2, in the logits' type.
at::Tensor smoothed_binary_targets(const at::Tensor& target, const at::Tensor& logits, double s);

}  // namespace eorun::losses
