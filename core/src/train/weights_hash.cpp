#include "train/weights_hash.hpp"

#include <cstdint>
#include <map>

#include <torch/nn/module.h>

#include "util/sha256.hpp"

namespace eorun {

std::string weights_sha256(const torch::nn::Module& module) {
  std::map<std::string, at::Tensor> by_name;
  for (const auto& item : module.named_parameters(/*recurse=*/true))
    by_name.emplace(item.key(), item.value());
  for (const auto& item : module.named_buffers(/*recurse=*/true))
    by_name.emplace(item.key(), item.value());
  return named_tensors_sha256(by_name);
}

std::string named_tensors_sha256(const std::map<std::string, at::Tensor>& tensors) {
  Sha256 hash;
  for (const auto& [name, tensor] : tensors) {
    const at::Tensor bytes = tensor.detach().to(at::kCPU).contiguous();
    const auto size = static_cast<std::uint64_t>(bytes.numel() * bytes.element_size());
    unsigned char size_le[8];
    for (int i = 0; i < 8; ++i) size_le[i] = static_cast<unsigned char>(size >> (8 * i));
    hash.update(name.data(), name.size());
    hash.update("\0", 1);
    hash.update(size_le, sizeof size_le);
    if (size > 0) hash.update(bytes.data_ptr(), static_cast<std::size_t>(size));
  }
  return hash.hex_digest();
}

std::string chain_sha256(const std::string& previous_chain, const std::string& weights_sha256) {
  return sha256_hex(previous_chain + weights_sha256);
}

}  // namespace eorun
