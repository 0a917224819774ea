// Everything LibTorch needs to repeat a run bit for bit: one seed, a fixed thread count, and
// deterministic algorithms where LibTorch has them.
#pragma once

#include <cstdint>

namespace eorun {

// Seeds LibTorch's generators (CPU and, where present, CUDA) from `seed`, sets the intra-op thread
// count to `threads` (> 0), and asks for deterministic algorithms (warn only where an operation has
// none). Call it before making the model so that its initial weights follow the seed; train() calls
// it again before the first batch.
void prepare_determinism(std::int64_t seed, int threads);

}  // namespace eorun
