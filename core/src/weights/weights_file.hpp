// A weights file from another tool, whatever its format, as tensors named like the model's:
// safetensors, or a torch.save state dict (pytorch_file.hpp), told apart by content; the keys
// with a wrapper's prefix ("module." from DataParallel, "model.", "backbone.", "encoder.")
// matched to the model's names.
//
//   WeightsFile file = read_weights_file(path);
//   KeyMatch match = match_model_keys(file.tensors, model_names, path);   // match.tensors
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include <ATen/core/Tensor.h>

namespace eorun {

struct WeightsFile {
  std::map<std::string, at::Tensor> tensors;
  std::string format;       // "safetensors" or "pytorch"
  std::string found_under;  // pytorch: the checkpoint key that held the state dict ("" at the top)
  std::map<std::string, std::string> metadata;  // safetensors' __metadata__
};

// Throws eorun::Error naming the file when it is missing, of neither format, or unreadable.
WeightsFile read_weights_file(const std::filesystem::path& path);

struct KeyMatch {
  std::map<std::string, at::Tensor> tensors;  // renamed to the model's names, the prefix dropped
  std::string prefix;                         // what was dropped ("" when the names fit as they are)
};

// The prefix ("", "module.", "model.", "backbone.", "encoder.", or two of them) under which most
// of the file's keys are names of the model, and the tensors renamed without it. Throws
// eorun::Error (subject `source`) when no key fits, naming a few keys of each side.
KeyMatch match_model_keys(const std::map<std::string, at::Tensor>& file_tensors,
                          const std::set<std::string>& model_names, const std::string& source);

}  // namespace eorun
