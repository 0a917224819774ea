// Mixed precision on a GPU (train.amp): autocast around the forward pass and the loss, and, for
// fp16, dynamic loss scaling so that small gradients do not underflow.
//
//   AmpMode mode = amp_mode(settings.amp);         // none, bf16, fp16
//   LossScaler scaler(mode == AmpMode::fp16);
//   {
//     AutocastScope autocast(mode);                 // nothing happens for AmpMode::none
//     loss = loss_fn(model(x), y);
//   }
//   scaler.scaled(loss).backward();
//   if (scaler.unscale(parameters)) optimizer.step();   // false: a gradient was not finite
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

namespace eorun {

enum class AmpMode { none, bf16, fp16 };

// "none", "bf16" or "fp16" (train.amp, already validated).
AmpMode amp_mode(const std::string& text);

// Autocast on CUDA to the mode's type while the object lives; nothing for AmpMode::none.
class AutocastScope {
 public:
  explicit AutocastScope(AmpMode mode);
  ~AutocastScope();
  AutocastScope(const AutocastScope&) = delete;
  AutocastScope& operator=(const AutocastScope&) = delete;

 private:
  bool active_ = false;
  bool was_enabled_ = false;
  at::ScalarType was_type_ = at::kHalf;
};

// Dynamic loss scaling as in PyTorch's GradScaler: the loss is multiplied by the scale before
// backward; the gradients are divided by it before the step. A step with a gradient that is not
// finite is skipped and halves the scale; `growth_interval` steps in a row without one double it.
// Disabled, every call is the identity and unscale() always allows the step.
class LossScaler {
 public:
  explicit LossScaler(bool enabled, double initial_scale = 65536.0,
                      std::int64_t growth_interval = 2000);

  at::Tensor scaled(const at::Tensor& loss) const;
  // Divides the gradients of `parameters` by the scale and updates the scale. True when every
  // gradient is finite and the optimizer may step.
  bool unscale(const std::vector<at::Tensor>& parameters);

  double scale() const { return scale_; }
  std::int64_t skipped_steps() const { return skipped_steps_; }

 private:
  bool enabled_;
  double scale_;
  std::int64_t growth_interval_;
  std::int64_t good_steps_ = 0;
  std::int64_t skipped_steps_ = 0;
};

}  // namespace eorun
