#include "weights/weights_file.hpp"

#include <vector>

#include "eorun/error.hpp"
#include "weights/pytorch_file.hpp"
#include "weights/safetensors.hpp"

namespace eorun {

namespace {

constexpr std::size_t kKeysShown = 3;

std::string some_of(const std::vector<std::string>& keys) {
  std::string out;
  for (std::size_t i = 0; i < keys.size() && i < kKeysShown; ++i) out += (i ? ", " : "") + keys[i];
  if (keys.size() > kKeysShown) out += ", ... (" + std::to_string(keys.size()) + " in all)";
  return out.empty() ? "(none)" : out;
}

std::vector<std::string> prefixes() {
  const std::vector<std::string> single = {"module.", "model.", "backbone.", "encoder."};
  std::vector<std::string> all = {""};
  for (const std::string& outer : single) {
    all.push_back(outer);
    for (const std::string& inner : single)
      if (inner != outer) all.push_back(outer + inner);
  }
  return all;
}

}  // namespace

WeightsFile read_weights_file(const std::filesystem::path& path) {
  if (!std::filesystem::is_regular_file(path))
    throw Error(path.string(), "no such weights file", "check the path (relative paths are relative to the working directory)");
  WeightsFile file;
  if (looks_like_zip(path)) {
    PytorchWeights weights = read_pytorch_weights(path);
    file.tensors = std::move(weights.tensors);
    file.format = "pytorch";
    file.found_under = std::move(weights.found_under);
    return file;
  }
  if (looks_like_safetensors(path)) {
    SafetensorsFile weights = read_safetensors(path);
    file.tensors = std::move(weights.tensors);
    file.metadata = std::move(weights.metadata);
    file.format = "safetensors";
    return file;
  }
  // Not zip, not safetensors: perhaps torch.save's legacy format, which read_pytorch_weights names.
  read_pytorch_weights(path);
  throw Error(path.string(), "is neither a torch.save zip archive nor safetensors",
              "give a state dict saved with torch.save, or a .safetensors file");
}

KeyMatch match_model_keys(const std::map<std::string, at::Tensor>& file_tensors,
                          const std::set<std::string>& model_names, const std::string& source) {
  KeyMatch best;
  std::size_t best_hits = 0;
  for (const std::string& prefix : prefixes()) {
    std::size_t hits = 0;
    for (const auto& [key, tensor] : file_tensors)
      if (key.compare(0, prefix.size(), prefix) == 0 && model_names.count(key.substr(prefix.size())) != 0) ++hits;
    if (hits > best_hits) {
      best_hits = hits;
      best.prefix = prefix;
    }
  }
  if (best_hits == 0) {
    std::vector<std::string> theirs, ours(model_names.begin(), model_names.end());
    for (const auto& entry : file_tensors) theirs.push_back(entry.first);
    throw Error(source,
                "none of its " + std::to_string(file_tensors.size()) + " tensor names is the model's: it has " +
                    some_of(theirs) + "; the model has " + some_of(ours),
                "give weights of this architecture (eorun follows torchvision's names)");
  }
  // Keys without the prefix keep their names (they are reported as tensors the model lacks).
  for (const auto& [key, tensor] : file_tensors) {
    const bool prefixed = key.compare(0, best.prefix.size(), best.prefix) == 0;
    best.tensors.emplace(prefixed ? key.substr(best.prefix.size()) : key, tensor);
  }
  return best;
}

}  // namespace eorun
