// The learning rate of each epoch ([train] scheduler), set before the epoch trains and recorded
// with it. Epochs count from 1; E = train.epochs, lr = train.lr.
//   none:    lr.
//   step:    lr * gamma^floor((epoch - 1) / step_size).
//   cosine:  W = warmup_epochs; epochs 1..W warm up linearly, lr * epoch / (W + 1); then epoch
//            W + 1 + t (t = 0 .. E - W - 1) gets min_lr + (lr - min_lr) (1 + cos(pi t / (E - W))) / 2.
//   plateau: lr, multiplied by plateau_factor whenever more than plateau_patience epochs in a row
//            did not improve the selection metric (as LibTorch's and PyTorch's ReduceLROnPlateau).
#pragma once

#include "train/train_settings.hpp"

namespace eorun {

class LrSchedule {
 public:
  explicit LrSchedule(const TrainSettings& settings) : settings_(settings), plateau_lr_(settings.lr) {}

  // The learning rate of `epoch` (1-based).
  double lr_for(int epoch) const;
  // After an epoch's validation: whether it improved the selection metric (plateau only).
  void observe(bool improved);

 private:
  TrainSettings settings_;
  double plateau_lr_;
  int epochs_without_improvement_ = 0;
};

// Early stopping ([train] patience): after how many epochs in a row without an improvement of the
// selection metric a run stops; 0 never stops it early.
class EarlyStopping {
 public:
  explicit EarlyStopping(std::int64_t patience) : patience_(patience) {}
  // After an epoch's validation; true when training should stop now.
  bool stop_after(bool improved) {
    epochs_without_improvement_ = improved ? 0 : epochs_without_improvement_ + 1;
    return patience_ > 0 && epochs_without_improvement_ >= patience_;
  }
  std::int64_t epochs_without_improvement() const { return epochs_without_improvement_; }

 private:
  std::int64_t patience_;
  std::int64_t epochs_without_improvement_ = 0;
};

}  // namespace eorun
