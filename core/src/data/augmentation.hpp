// Geometric augmentation of training samples ([train] augment): horizontal and vertical flips
// and rotations by quarter turns, drawn per (seed, epoch, sample index), so the batches of an
// epoch do not depend on the number of loader threads and `eorun reproduce` stays bit for bit.
// Every input group of a sample gets the same transform (their geometry stays aligned).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

namespace eorun {

struct AugmentationSet {
  bool hflip = false;
  bool vflip = false;
  bool rot90 = false;
  bool any() const { return hflip || vflip || rot90; }
};

// From [train] augment's names ("hflip", "vflip", "rot90"; others are refused by the schema).
AugmentationSet augmentation_set(const std::vector<std::string>& names);

// What one sample gets: each enabled flip with probability 1/2, 0-3 quarter turns when rot90.
struct AugmentDraw {
  bool hflip = false;
  bool vflip = false;
  int quarter_turns = 0;
  bool identity() const { return !hflip && !vflip && quarter_turns == 0; }
};

AugmentDraw draw_augmentation(const AugmentationSet& set, std::uint64_t seed, std::uint64_t epoch,
                              std::size_t sample_index);

// `chw` [C, H, W] transformed (flips, then counter-clockwise quarter turns); a new tensor.
at::Tensor apply_augmentation(const AugmentDraw& draw, const at::Tensor& chw);

}  // namespace eorun
