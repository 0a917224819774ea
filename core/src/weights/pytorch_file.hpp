// Weights written by PyTorch's torch.save (the zip format, PyTorch 1.6 and later): a state dict,
// `torch.save(model.state_dict(), PATH)`, or a checkpoint dict that holds one under "state_dict",
// "model_state_dict", "model", "module", "net" or "weights" (the usual training-script layouts).
// LibTorch 1.13's own reader refuses the OrderedDict a state dict is; this one reads it with
// pickle_reader and the archive's storage records, running nothing from the file.
//
//   PytorchWeights weights = read_pytorch_weights("resnet18.pth");
//   weights.tensors.at("conv1.weight");
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include <ATen/core/Tensor.h>

namespace eorun {

struct PytorchWeights {
  std::map<std::string, at::Tensor> tensors;  // CPU tensors by state-dict key
  std::string found_under;                    // the checkpoint key holding them; "" at the top
};

// Throws eorun::Error naming the file: not a zip archive (the legacy format, with how to
// re-save it), a pickle it cannot read, or no state dict in it (listing what is there).
PytorchWeights read_pytorch_weights(const std::filesystem::path& path);

// Writes `tensors` as a state dict Python's torch.load reads (a dict of CPU tensors by name),
// atomically (util/atomic_file). Throws eorun::Error when the file cannot be written.
void write_pytorch_state_dict(const std::filesystem::path& path,
                              const std::map<std::string, at::Tensor>& tensors);

// Whether `path` starts as a zip archive does ("PK\3\4").
bool looks_like_zip(const std::filesystem::path& path);

}  // namespace eorun
