// Mean and sample standard deviation of a stream of numbers (Welford's update, so long streams of
// close values keep their precision).
#pragma once

#include <cmath>
#include <cstddef>
#include <optional>

namespace eorun::query {

class RunningStats {
 public:
  void add(double value) {
    ++count_;
    const double delta = value - mean_;
    mean_ += delta / static_cast<double>(count_);
    squares_ += delta * (value - mean_);
  }

  std::size_t count() const { return count_; }
  // nullopt with no values.
  std::optional<double> mean() const {
    return count_ == 0 ? std::nullopt : std::optional<double>(mean_);
  }
  // The sample standard deviation (divides by n - 1); nullopt below two values.
  std::optional<double> stddev() const {
    if (count_ < 2) return std::nullopt;
    return std::sqrt(squares_ / static_cast<double>(count_ - 1));
  }

 private:
  std::size_t count_ = 0;
  double mean_ = 0;
  double squares_ = 0;  // sum of squared differences from the mean
};

}  // namespace eorun::query
