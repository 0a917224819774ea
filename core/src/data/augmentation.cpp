#include "data/augmentation.hpp"

#include <ATen/ATen.h>

#include "data/shuffle_order.hpp"

namespace eorun {

namespace {

// SplitMix64 finaliser (the same as the epoch order's seeding).
std::uint64_t mix(std::uint64_t value) {
  value += 0x9E3779B97F4A7C15ULL;
  value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ULL;
  value = (value ^ (value >> 27)) * 0x94D049BB133111EBULL;
  return value ^ (value >> 31);
}

// A stream of its own: the augmentation draws never share bits with the epoch's shuffle.
constexpr std::uint64_t kAugmentStream = 0x61756731;  // "aug1"

}  // namespace

AugmentationSet augmentation_set(const std::vector<std::string>& names) {
  AugmentationSet set;
  for (const std::string& name : names) {
    set.hflip = set.hflip || name == "hflip";
    set.vflip = set.vflip || name == "vflip";
    set.rot90 = set.rot90 || name == "rot90";
  }
  return set;
}

AugmentDraw draw_augmentation(const AugmentationSet& set, std::uint64_t seed, std::uint64_t epoch,
                              std::size_t sample_index) {
  const std::uint64_t bits =
      mix(epoch_seed(seed, epoch) ^ mix(kAugmentStream ^ static_cast<std::uint64_t>(sample_index)));
  AugmentDraw draw;
  draw.hflip = set.hflip && (bits & 1u);
  draw.vflip = set.vflip && (bits & 2u);
  draw.quarter_turns = set.rot90 ? static_cast<int>((bits >> 2) & 3u) : 0;
  return draw;
}

at::Tensor apply_augmentation(const AugmentDraw& draw, const at::Tensor& chw) {
  at::Tensor out = chw;
  if (draw.hflip) out = out.flip({2});
  if (draw.vflip) out = out.flip({1});
  if (draw.quarter_turns != 0) out = at::rot90(out, draw.quarter_turns, {1, 2});
  return out.contiguous();
}

}  // namespace eorun
