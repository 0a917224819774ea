// Compiled with -O3 and -ffp-contract=off (see CMakeLists.txt): the loops vectorise, and every
// type's arithmetic is the same sequence of a subtraction and a multiplication.
#include "data/channel_normalise.hpp"

namespace eorun {

namespace {

template <typename T>
void normalise(const T* __restrict in, std::size_t channels, std::size_t pixels,
               const float* mean, const float* inverse_std, float* __restrict out) {
  for (std::size_t c = 0; c < channels; ++c) {
    const float m = mean[c];
    const float s = inverse_std[c];
    const T* __restrict source = in + c * pixels;
    float* __restrict destination = out + c * pixels;
    for (std::size_t i = 0; i < pixels; ++i) destination[i] = (static_cast<float>(source[i]) - m) * s;
  }
}

}  // namespace

void normalise_channels(const float* in, std::size_t channels, std::size_t pixels,
                        const float* mean, const float* inverse_std, float* out) {
  normalise(in, channels, pixels, mean, inverse_std, out);
}
void normalise_channels(const std::uint16_t* in, std::size_t channels, std::size_t pixels,
                        const float* mean, const float* inverse_std, float* out) {
  normalise(in, channels, pixels, mean, inverse_std, out);
}
void normalise_channels(const std::int16_t* in, std::size_t channels, std::size_t pixels,
                        const float* mean, const float* inverse_std, float* out) {
  normalise(in, channels, pixels, mean, inverse_std, out);
}
void normalise_channels(const std::uint8_t* in, std::size_t channels, std::size_t pixels,
                        const float* mean, const float* inverse_std, float* out) {
  normalise(in, channels, pixels, mean, inverse_std, out);
}

}  // namespace eorun
