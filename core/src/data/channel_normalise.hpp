// The one place input values become normalised floats: out[i] = (float(in[i]) - mean) * inverse_std
// per channel. The batch loader uses it for a plugin's float32 samples and the packed cache for
// its stored types, so the two paths give bit-identical batches (the conversion of a stored
// integer to float32 is exact, and the arithmetic is the same compiled code without contraction
// into fused multiply-adds).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace eorun {

// The per-channel factors of normalise_channels from a run's statistics (mean and standard
// deviation per channel, as recorded): the mean as float and 1 / std as float, 1 where the
// deviation is 0 (a constant band is only shifted). Training and prediction both take them from
// here, so a scene is normalised exactly as the run's batches were.
struct ChannelScaling {
  std::vector<float> mean;
  std::vector<float> inverse_std;
};
ChannelScaling channel_scaling(const std::vector<double>& mean, const std::vector<double>& std);

// `channels` planes of `pixels` values each, from `in` to `out` (which must not overlap);
// mean[c] and inverse_std[c] per channel.
void normalise_channels(const float* in, std::size_t channels, std::size_t pixels,
                        const float* mean, const float* inverse_std, float* out);
void normalise_channels(const std::uint16_t* in, std::size_t channels, std::size_t pixels,
                        const float* mean, const float* inverse_std, float* out);
void normalise_channels(const std::int16_t* in, std::size_t channels, std::size_t pixels,
                        const float* mean, const float* inverse_std, float* out);
void normalise_channels(const std::uint8_t* in, std::size_t channels, std::size_t pixels,
                        const float* mean, const float* inverse_std, float* out);

}  // namespace eorun
