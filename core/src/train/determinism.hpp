// Everything LibTorch needs to repeat a run bit for bit: one seed, a fixed thread count, and
// deterministic algorithms where LibTorch has them; on a GPU also deterministic cuDNN without
// autotuning, no TF32, and a fixed cuBLAS workspace.
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

namespace eorun {

// Seeds LibTorch's generators (CPU and, where present, CUDA) from `seed`, sets the intra-op thread
// count to `threads` (> 0), and asks for deterministic algorithms (warn only where an operation has
// none). With `cuda`, also applies cuda_determinism_settings(). Call it before making the model so
// that its initial weights follow the seed; train() calls it again before the first batch.
void prepare_determinism(std::int64_t seed, int threads, bool cuda = false);

// The settings prepare_determinism applies on a GPU, as recorded in a run's identity:
// {"deterministic_algorithms": true, "cudnn_deterministic": true, "cudnn_benchmark": false,
//  "tf32": false, "cublas_workspace_config": ":4096:8"}.
nlohmann::json cuda_determinism_settings();

}  // namespace eorun
