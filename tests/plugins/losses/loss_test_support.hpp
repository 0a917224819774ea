// Inputs and contexts the loss tests share.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "eorun/error.hpp"
#include "eorun/loss.hpp"

namespace eorun::loss_test {

// Two samples, two classes: logits [[0, 2], [-1, 3]], multi-label targets [[1, 0], [0, 1]].
inline at::Tensor logits() {
  return torch::tensor({0.0, 2.0, -1.0, 3.0}, torch::kDouble).reshape({2, 2});
}
inline at::Tensor targets() {
  return torch::tensor({1.0, 0.0, 0.0, 1.0}, torch::kDouble).reshape({2, 2});
}

// Two samples, two classes: logits [[0, ln 3], [0, 0]] (softmax [0.25, 0.75] and [0.5, 0.5]).
inline at::Tensor softmax_logits() {
  return torch::tensor({0.0, std::log(3.0), 0.0, 0.0}, torch::kDouble).reshape({2, 2});
}

inline LossContext context_of(Task task, std::int64_t train_samples = 0,
                              std::vector<std::int64_t> class_counts = {}) {
  LossContext context;
  context.task = task;
  context.num_classes = static_cast<std::int64_t>(class_counts.size());
  context.train_samples = train_samples;
  context.class_counts = std::move(class_counts);
  return context;
}

// Expects `make()` to throw eorun::Error with this subject and problem.
template <typename Make>
void expect_refusal(Make make, const std::string& subject, const std::string& problem) {
  try {
    make();
    ADD_FAILURE() << "expected " << subject << " to refuse: " << problem;
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), subject);
    EXPECT_EQ(e.problem(), problem);
  }
}

inline const char* const kNeedsMultiLabel = "needs a multi-label dataset, got single-label";
inline const char* const kNeedsSingleLabel = "needs a single-label dataset, got multi-label";

}  // namespace eorun::loss_test
