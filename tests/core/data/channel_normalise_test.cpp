// normalise_channels gives the bits of the plain expression (float(x) - mean) * inverse_std for
// every stored type, whatever the alignment and length of the planes (the vector loops have a
// scalar head and tail).
#include "data/channel_normalise.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <vector>

namespace eorun {
namespace {

template <typename T>
void expect_plain_bits(const std::vector<T>& values, std::size_t channels) {
  const std::size_t pixels = values.size() / channels;
  std::vector<float> mean, inverse_std;
  std::mt19937 engine(7);
  std::uniform_real_distribution<float> draw(-3.0f, 3.0f);
  for (std::size_t c = 0; c < channels; ++c) {
    mean.push_back(draw(engine) * 1000.0f);
    inverse_std.push_back(1.0f / (1.0f + std::abs(draw(engine)) * 500.0f));
  }
  for (std::size_t shift = 0; shift < 9; ++shift) {  // destination misaligned by 0..8 floats
    std::vector<float> out(values.size() + shift + 8, 0.0f);
    normalise_channels(values.data(), channels, pixels, mean.data(), inverse_std.data(), out.data() + shift);
    for (std::size_t c = 0; c < channels; ++c)
      for (std::size_t i = 0; i < pixels; ++i) {
        volatile float difference = static_cast<float>(values[c * pixels + i]) - mean[c];
        const float expected = difference * inverse_std[c];
        ASSERT_EQ(std::memcmp(&expected, &out[shift + c * pixels + i], sizeof(float)), 0)
            << "channel " << c << " pixel " << i << " shift " << shift;
      }
  }
}

TEST(ChannelNormalise, GivesThePlainExpressionsBitsForEveryTypeAndAlignment) {
  std::mt19937 engine(3);
  for (std::size_t pixels : {1u, 7u, 8u, 37u, 14400u}) {
    std::vector<float> floats(3 * pixels);
    std::vector<std::uint16_t> u16(3 * pixels);
    std::vector<std::int16_t> i16(3 * pixels);
    std::vector<std::uint8_t> u8(3 * pixels);
    std::uniform_real_distribution<float> real(-20000.0f, 20000.0f);
    for (std::size_t i = 0; i < floats.size(); ++i) {
      floats[i] = real(engine);
      u16[i] = static_cast<std::uint16_t>(engine());
      i16[i] = static_cast<std::int16_t>(engine());
      u8[i] = static_cast<std::uint8_t>(engine());
    }
    expect_plain_bits(floats, 3);
    expect_plain_bits(u16, 3);
    expect_plain_bits(i16, 3);
    expect_plain_bits(u8, 3);
  }
}

}  // namespace
}  // namespace eorun
