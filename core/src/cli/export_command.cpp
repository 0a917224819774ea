// eorun export RUN_ID --out FILE: a run's weights as a file other tools read.
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/registry_path.hpp"
#include "eorun/error.hpp"
#include "exec/recorded_checkpoint.hpp"
#include "registry/registry.hpp"
#include "train/checkpoint.hpp"
#include "util/joined.hpp"
#include "weights/pytorch_file.hpp"
#include "weights/safetensors.hpp"

namespace eorun {

namespace {

// What a reader needs to use the weights: where they come from and what the input must be.
std::map<std::string, std::string> export_metadata(const RunRecord& record, const std::string& checkpoint,
                                                   std::int64_t epoch) {
  std::map<std::string, std::string> metadata = {
      {"format", "pt"},  // timm's and Hugging Face's convention for PyTorch tensors
      {"eorun_run_id", record.run_id},
      {"eorun_checkpoint", checkpoint + " epoch " + std::to_string(epoch)}};
  if (record.data) {
    const DataSummary& data = *record.data;
    metadata["classes"] = joined(data.class_names);
    metadata["bands"] = joined(data.band_names);
    metadata["task"] = data.task;
    metadata["normalisation_mean"] = nlohmann::json(data.normalisation.mean).dump();
    metadata["normalisation_std"] = nlohmann::json(data.normalisation.std).dump();
  }
  const auto model = record.spec.find("model");
  if (model != record.spec.end()) metadata["eorun_model"] = model->dump();
  return metadata;
}

}  // namespace

void execute(const ExportArgs& options, AppContext& context) {
  const std::filesystem::path out = options.out;
  const std::string extension = out.extension().string();
  if (extension != ".safetensors" && extension != ".pt" && extension != ".pth")
    throw Error(options.out, "has neither the .safetensors nor the .pt extension",
                "name the file FILE.safetensors (timm, Hugging Face) or FILE.pt (torch.load)");
  Registry registry = Registry::open(existing_registry_path(context));
  const std::string run_id = registry.resolve_run_id(options.run);
  const RunRecord record = *registry.load_run_record(run_id);
  const RecordedCheckpoint checkpoint = verified_checkpoint(record, options.checkpoint, "export");
  const std::map<std::string, at::Tensor> tensors = read_checkpoint_tensors(checkpoint.path);
  if (extension == ".safetensors")
    write_safetensors(out, {tensors, export_metadata(record, checkpoint.which, checkpoint.epoch)});
  else
    write_pytorch_state_dict(out, tensors);
  std::cout << "run " << run_id.substr(0, 12) << ": " << tensors.size() << " tensors of its "
            << checkpoint.which << " epoch (" << checkpoint.epoch << ") written to " << out.string() << "\n";
}

}  // namespace eorun
