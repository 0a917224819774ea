#include "train/determinism.hpp"

#include <cstdlib>
#include <string>

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <torch/utils.h>

namespace eorun {

namespace {

// cuBLAS is deterministic only with a fixed workspace, read from the environment when its first
// handle is made (NVIDIA's cuBLAS documentation, "Results reproducibility").
constexpr const char* kCublasWorkspaceVariable = "CUBLAS_WORKSPACE_CONFIG";
constexpr const char* kCublasWorkspace = ":4096:8";

void apply_cuda_determinism() {
  at::Context& context = at::globalContext();
  context.setDeterministicCuDNN(true);
  context.setBenchmarkCuDNN(false);
  context.setAllowTF32CuDNN(false);
  context.setAllowTF32CuBLAS(false);
  ::setenv(kCublasWorkspaceVariable, kCublasWorkspace, /*overwrite=*/1);
}

}  // namespace

nlohmann::json cuda_determinism_settings() {
  return {{"deterministic_algorithms", true}, {"cudnn_deterministic", true},
          {"cudnn_benchmark", false},         {"tf32", false},
          {"cublas_workspace_config", kCublasWorkspace}};
}

void prepare_determinism(std::int64_t seed, int threads, bool cuda) {
  if (threads > 0) at::set_num_threads(threads);
  if (cuda) apply_cuda_determinism();
  torch::manual_seed(static_cast<std::uint64_t>(seed));
  at::globalContext().setDeterministicAlgorithms(true, /*warn_only=*/true);
}

}  // namespace eorun
