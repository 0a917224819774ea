// A dataset whose samples the batch loader can write straight into a batch, without making a
// tensor per sample (the packed cache, cache/packed_dataset.hpp). The batch loader looks for
// this interface on the dataset it is given; the result is bit-identical to Dataset::get.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <c10/core/ScalarType.h>

namespace eorun {

class DirectSamples {
 public:
  virtual ~DirectSamples() = default;
  // Input group `group` of sample `index`, normalised per channel with `mean` and `inverse_std`
  // (that group's channels) into `destination` ([C, H, W] float32). Throws eorun::Error when
  // the stored sample is damaged.
  virtual void normalise_into(std::size_t index, std::size_t group, const float* mean,
                              const float* inverse_std, float* destination) const = 0;
  // The target of sample `index` into `destination` (target_type(), target_shape()).
  virtual void copy_target(std::size_t index, void* destination) const = 0;
  virtual c10::ScalarType target_type() const = 0;
  virtual const std::vector<std::int64_t>& target_shape() const = 0;
};

}  // namespace eorun
