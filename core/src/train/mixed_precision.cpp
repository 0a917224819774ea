#include "train/mixed_precision.hpp"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

#include "eorun/error.hpp"

namespace eorun {

namespace {

// LibTorch 2.4 made autocast's switches per device type; older releases have CUDA-only ones.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
bool cuda_autocast_enabled() { return at::autocast::is_autocast_enabled(at::kCUDA); }
at::ScalarType cuda_autocast_type() { return at::autocast::get_autocast_dtype(at::kCUDA); }
void set_cuda_autocast(bool enabled, at::ScalarType type) {
  at::autocast::set_autocast_dtype(at::kCUDA, type);
  at::autocast::set_autocast_enabled(at::kCUDA, enabled);
}
#else
bool cuda_autocast_enabled() { return at::autocast::is_enabled(); }
at::ScalarType cuda_autocast_type() { return at::autocast::get_autocast_gpu_dtype(); }
void set_cuda_autocast(bool enabled, at::ScalarType type) {
  at::autocast::set_autocast_gpu_dtype(type);
  at::autocast::set_enabled(enabled);
}
#endif

}  // namespace

AmpMode amp_mode(const std::string& text) {
  if (text == "none") return AmpMode::none;
  if (text == "bf16") return AmpMode::bf16;
  if (text == "fp16") return AmpMode::fp16;
  throw Error("train.amp", "unknown mode '" + text + "'", "use none, bf16 or fp16");
}

AutocastScope::AutocastScope(AmpMode mode) : active_(mode != AmpMode::none) {
  if (!active_) return;
  was_enabled_ = cuda_autocast_enabled();
  was_type_ = cuda_autocast_type();
  set_cuda_autocast(true, mode == AmpMode::bf16 ? at::kBFloat16 : at::kHalf);
  at::autocast::increment_nesting();
}

AutocastScope::~AutocastScope() {
  if (!active_) return;
  // Casts are cached while autocast is on; the outermost scope drops them.
  if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
  set_cuda_autocast(was_enabled_, was_type_);
}

LossScaler::LossScaler(bool enabled, double initial_scale, std::int64_t growth_interval)
    : enabled_(enabled), scale_(initial_scale), growth_interval_(growth_interval) {}

at::Tensor LossScaler::scaled(const at::Tensor& loss) const {
  return enabled_ ? loss * scale_ : loss;
}

bool LossScaler::unscale(const std::vector<at::Tensor>& parameters) {
  if (!enabled_) return true;
  bool finite = true;
  for (const at::Tensor& parameter : parameters) {
    at::Tensor grad = parameter.grad();
    if (!grad.defined()) continue;
    grad.div_(scale_);
    finite = finite && grad.isfinite().all().item<bool>();
  }
  if (!finite) {
    scale_ /= 2;
    good_steps_ = 0;
    ++skipped_steps_;
    return false;
  }
  if (++good_steps_ >= growth_interval_) {
    scale_ *= 2;
    good_steps_ = 0;
  }
  return true;
}

}  // namespace eorun
