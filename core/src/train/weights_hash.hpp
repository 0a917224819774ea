// Content hashes of a model's weights, and the per-epoch hash chain.
#pragma once

#include <map>
#include <string>

#include <ATen/core/Tensor.h>

namespace torch::nn {
class Module;
}

namespace eorun {

// SHA-256 over every parameter and buffer of `module` (recursively), sorted by full dotted name.
// For each tensor the hash reads: the name's bytes, a NUL byte, the byte count as 8 bytes little
// endian, then the raw bytes of the tensor made contiguous on the CPU (native layout). Equal
// hashes mean bitwise-equal weights.
std::string weights_sha256(const torch::nn::Module& module);

// The same hash over any named tensors (e.g. one module group's parameters and buffers).
std::string named_tensors_sha256(const std::map<std::string, at::Tensor>& tensors);

// sha256(previous_chain + weights_sha256) over the hex texts; the first epoch chains from "".
std::string chain_sha256(const std::string& previous_chain, const std::string& weights_sha256);

}  // namespace eorun
