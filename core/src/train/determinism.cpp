#include "train/determinism.hpp"

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <torch/utils.h>

namespace eorun {

void prepare_determinism(std::int64_t seed, int threads) {
  if (threads > 0) at::set_num_threads(threads);
  torch::manual_seed(static_cast<std::uint64_t>(seed));
  at::globalContext().setDeterministicAlgorithms(true, /*warn_only=*/true);
}

}  // namespace eorun
