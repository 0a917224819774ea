// model.pretrained = "file:PATH": weights from another tool (a torch.save state dict or a
// .safetensors file) matched to the model by name, a wrapper's key prefix dropped. Unlike a
// parent run's checkpoint, such a file may lack tensors of the model or hold others: both are
// allowed and recorded; a tensor on both sides with another shape is an error. The head is
// re-initialised (seeded) when the file has none, or one of another shape.
#pragma once

#include <filesystem>

#include "eorun/model.hpp"
#include "registry/run_record.hpp"
#include "train/model_groups.hpp"
#include "train/pretrained_weights.hpp"

namespace eorun {

struct PretrainedFileLoad {
  PretrainedLoad load;
  WeightsFileSource source;
};

// Reads `file` and checks it against `model` (whose last group is `head`); with `copy`, also
// loads it. Throws eorun::Error (subject "model.pretrained: file PATH") when it does not fit.
PretrainedFileLoad apply_pretrained_file(const std::filesystem::path& file, torch::nn::Module& module,
                                         const CheckedGroup& head, bool copy);

}  // namespace eorun
