// The best epoch's weights on disk: LibTorch's module archive (torch::save of the module), so
// `torch::load(model, "best.pt")` reads it back into a model of the same architecture.
#pragma once

#include <filesystem>

namespace torch::nn {
class Module;
}

namespace eorun {

// Writes beside `path` and renames over it, so a reader never sees a partial checkpoint.
// Throws eorun::Error naming the path when it cannot be written.
void save_checkpoint(torch::nn::Module& module, const std::filesystem::path& path);

// Reads every parameter and buffer of `module` from `path` (names and shapes must match).
// Throws eorun::Error naming the path when it cannot be read or does not fit.
void load_checkpoint(torch::nn::Module& module, const std::filesystem::path& path);

}  // namespace eorun
