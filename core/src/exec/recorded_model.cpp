#include "exec/recorded_model.hpp"

#include <iostream>

#include <torch/torch.h>

#include "eorun/error.hpp"
#include "exec/run_preparation.hpp"
#include "spec/run_spec.hpp"
#include "train/band_adapter_model.hpp"
#include "train/checkpoint.hpp"

namespace eorun {

namespace {

void warn_if_plugin_changed(const RunRecord& record, const LoadedPlugin& model) {
  for (const PluginRecord& plugin : record.plugins)
    if (plugin.role == "model" && !plugin.sha256.empty() && plugin.sha256 != model.sha256)
      std::cerr << "eorun: warning: model plugin '" << model.name << "' changed since run "
                << record.run_id.substr(0, 12) << " (sha256 " << model.sha256.substr(0, 12)
                << ", recorded " << plugin.sha256.substr(0, 12) << "); its checkpoint is used as it is\n";
}

}  // namespace

DatasetInfo recorded_dataset_info(const RunRecord& record, const std::string& command) {
  const std::string run = "run " + record.run_id.substr(0, 12);
  if (!record.data || record.data->inputs.empty())
    throw Error(run, "recorded no input groups of its data (a record written before SDK 2)",
                "train the run again with this eorun to " + command + " with it");
  const DataSummary& data = *record.data;
  DatasetInfo info;
  info.task = data.task == "single_label" ? Task::single_label : Task::multi_label;
  info.class_names = data.class_names;
  for (const InputGroupRecord& group : data.inputs)
    info.inputs.push_back({group.name, group.bands, group.resolution_m, group.shape});
  return info;
}

RecordedModel load_recorded_model(const RunRecord& record, const Catalogue& catalogue,
                                  const std::string& which, const std::string& command) {
  RecordedModel loaded;
  loaded.checkpoint = verified_checkpoint(record, which, command);
  loaded.data = recorded_dataset_info(record, command);
  const RunSpec spec = resolve_run_spec(record.spec, catalogue);
  loaded.threshold = spec.train.threshold;
  warn_if_plugin_changed(record, *spec.model);
  ModelContext context = model_context_of(loaded.data);
  const std::optional<BandAdaptationRecord> adaptation =
      record.lineage ? record.lineage->band_adaptation : std::nullopt;
  if (adaptation && adaptation->method == "conv1x1") {
    // The run trained an adapter from its bands to the bands of a network made for others.
    const std::vector<std::string> run_bands = context.inputs.front().bands;
    context.inputs.front().bands = adaptation->pretrained_bands;
    context.inputs.front().shape.at(0) = static_cast<std::int64_t>(adaptation->pretrained_bands.size());
    std::shared_ptr<Model> inner = catalogue.make_model(*spec.model, spec.model_params, context);
    loaded.model = with_band_adapter(std::move(inner), run_bands, adaptation->pretrained_bands);
  } else {
    loaded.model = catalogue.make_model(*spec.model, spec.model_params, context);
  }
  torch::nn::Module& module = *loaded.model->module();
  load_checkpoint(module, loaded.checkpoint.path);
  module.eval();
  return loaded;
}

}  // namespace eorun
