// Compiled with -O3 and -ffp-contract=off (see CMakeLists.txt): the loops vectorise, and every
// type's arithmetic is the same sequence of a subtraction and a multiplication. On x86-64 each
// entry point is also built for AVX2 and picked at load time by the CPU; float32 and uint16,
// the types of nearly every data set, have AVX2 loops of their own that write the batch with
// streaming stores (the batch is larger than the caches: writing around them saves reading
// every destination line first). Every version does the same IEEE operations on every value,
// so the results do not depend on the CPU.
#include "data/channel_normalise.hpp"

#include <cstdint>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define EORUN_STREAMING_AVX2 1
#endif

namespace eorun {

namespace {

#ifdef EORUN_STREAMING_AVX2
// 8 source values as floats.
__attribute__((target("avx2"), always_inline)) inline __m256 load8(const float* p) { return _mm256_loadu_ps(p); }
__attribute__((target("avx2"), always_inline)) inline __m256 load8(const std::uint16_t* p) {
  const __m128i words = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  return _mm256_cvtepi32_ps(_mm256_cvtepu16_epi32(words));
}

// (x - m) * s for one plane: scalar until the destination is 32-byte aligned, then 8 values a
// step with streaming stores, then the scalar rest.
template <typename T>
__attribute__((target("avx2"), always_inline)) inline void stream_plane(const T* source, std::size_t pixels,
                                                                        float m, float s, float* destination) {
  std::size_t i = 0;
  for (; i < pixels && (reinterpret_cast<std::uintptr_t>(destination + i) & 31) != 0; ++i)
    destination[i] = (static_cast<float>(source[i]) - m) * s;
  const __m256 mean = _mm256_set1_ps(m), scale = _mm256_set1_ps(s);
  for (; i + 8 <= pixels; i += 8)
    _mm256_stream_ps(destination + i, _mm256_mul_ps(_mm256_sub_ps(load8(source + i), mean), scale));
  for (; i < pixels; ++i) destination[i] = (static_cast<float>(source[i]) - m) * s;
}

__attribute__((target("avx2"))) void stream_float(const float* in, std::size_t channels, std::size_t pixels,
                                                  const float* mean, const float* inverse_std, float* out) {
  for (std::size_t c = 0; c < channels; ++c)
    stream_plane(in + c * pixels, pixels, mean[c], inverse_std[c], out + c * pixels);
  _mm_sfence();
}

__attribute__((target("avx2"))) void stream_uint16(const std::uint16_t* in, std::size_t channels,
                                                   std::size_t pixels, const float* mean,
                                                   const float* inverse_std, float* out) {
  for (std::size_t c = 0; c < channels; ++c)
    stream_plane(in + c * pixels, pixels, mean[c], inverse_std[c], out + c * pixels);
  _mm_sfence();
}

bool has_avx2() {
  static const bool avx2 = __builtin_cpu_supports("avx2");
  return avx2;
}
#endif

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define EORUN_CPU_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define EORUN_CPU_CLONES
#endif

template <typename T>
inline __attribute__((always_inline)) void normalise(const T* __restrict in, std::size_t channels, std::size_t pixels,
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

EORUN_CPU_CLONES void normalise_channels(const float* in, std::size_t channels, std::size_t pixels,
                        const float* mean, const float* inverse_std, float* out) {
#ifdef EORUN_STREAMING_AVX2
  if (has_avx2()) return stream_float(in, channels, pixels, mean, inverse_std, out);
#endif
  normalise(in, channels, pixels, mean, inverse_std, out);
}
EORUN_CPU_CLONES void normalise_channels(const std::uint16_t* in, std::size_t channels, std::size_t pixels,
                        const float* mean, const float* inverse_std, float* out) {
#ifdef EORUN_STREAMING_AVX2
  if (has_avx2()) return stream_uint16(in, channels, pixels, mean, inverse_std, out);
#endif
  normalise(in, channels, pixels, mean, inverse_std, out);
}
EORUN_CPU_CLONES void normalise_channels(const std::int16_t* in, std::size_t channels, std::size_t pixels,
                        const float* mean, const float* inverse_std, float* out) {
  normalise(in, channels, pixels, mean, inverse_std, out);
}
EORUN_CPU_CLONES void normalise_channels(const std::uint8_t* in, std::size_t channels, std::size_t pixels,
                        const float* mean, const float* inverse_std, float* out) {
  normalise(in, channels, pixels, mean, inverse_std, out);
}

ChannelScaling channel_scaling(const std::vector<double>& mean, const std::vector<double>& std) {
  ChannelScaling scaling;
  for (std::size_t c = 0; c < mean.size() && c < std.size(); ++c) {
    scaling.mean.push_back(static_cast<float>(mean[c]));
    const double deviation = std[c];
    scaling.inverse_std.push_back(deviation > 0 ? static_cast<float>(1.0 / deviation) : 1.0f);
  }
  return scaling;
}

}  // namespace eorun
