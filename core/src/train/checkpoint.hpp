// The best epoch's weights on disk: LibTorch's module archive (torch::save of the module), so
// `torch::load(model, "best.pt")` reads it back into a model of the same architecture.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include <ATen/core/Tensor.h>

namespace torch::nn {
class Module;
}

namespace eorun {

// Writes beside `path` and renames over it, so a reader never sees a partial checkpoint. Tensors
// are written as CPU tensors wherever the module lives, so a checkpoint made on a GPU loads, and
// hashes, like one made on the CPU. Throws eorun::Error naming the path when it cannot be written.
void save_checkpoint(torch::nn::Module& module, const std::filesystem::path& path);

// Reads every parameter and buffer of `module` from `path` (names and shapes must match) onto
// `device` ("cpu", "cuda:N"): the module's own device. Throws eorun::Error naming the path when
// it cannot be read or does not fit.
void load_checkpoint(torch::nn::Module& module, const std::filesystem::path& path,
                     const std::string& device = "cpu");

// Every parameter and buffer a checkpoint holds, by full dotted name ("features.0.weight"),
// without a module to read it into (weights for another run's model are matched by name).
// Throws eorun::Error naming the path when it cannot be read.
std::map<std::string, at::Tensor> read_checkpoint_tensors(const std::filesystem::path& path);

}  // namespace eorun
