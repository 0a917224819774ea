#include "train/lr_schedule.hpp"

#include <cmath>

namespace eorun {

namespace {

constexpr double kPi = 3.14159265358979323846;

}  // namespace

double LrSchedule::lr_for(int epoch) const {
  const TrainSettings& s = settings_;
  if (s.scheduler == "step")
    return s.lr * std::pow(s.gamma, static_cast<double>((epoch - 1) / s.step_size));
  if (s.scheduler == "cosine") {
    const auto warmup = static_cast<int>(s.warmup_epochs);
    if (epoch <= warmup) return s.lr * epoch / (warmup + 1.0);
    const double span = static_cast<double>(s.epochs - warmup);
    if (span <= 0) return s.lr;
    const double t = epoch - warmup - 1;
    return s.min_lr + (s.lr - s.min_lr) * (1 + std::cos(kPi * t / span)) / 2;
  }
  if (s.scheduler == "plateau") return plateau_lr_;
  return s.lr;
}

void LrSchedule::observe(bool improved) {
  if (settings_.scheduler != "plateau") return;
  if (improved) {
    epochs_without_improvement_ = 0;
    return;
  }
  if (++epochs_without_improvement_ > settings_.plateau_patience) {
    plateau_lr_ *= settings_.plateau_factor;
    epochs_without_improvement_ = 0;
  }
}

}  // namespace eorun
