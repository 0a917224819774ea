#include "exec/run_preparation.hpp"

#include <algorithm>

#include "exec/environment.hpp"
#include "exec/normalisation_choice.hpp"
#include "exec/starting_model.hpp"
#include "util/sha256.hpp"
#include "train/task_head.hpp"
#include "spec/run_identity.hpp"
#include "train/checkpoint.hpp"
#include "train/compute_device.hpp"
#include "train/model_groups.hpp"
#include "train/pretrained_weights.hpp"

namespace eorun {

namespace {

std::shared_ptr<Dataset> open_split(const RunSpec& spec, const Catalogue& catalogue,
                                    const char* split) {
  return catalogue.make_dataset(*spec.dataset, spec.dataset_params, DatasetContext{split});
}

}  // namespace

PreparedDataCache::Entry& PreparedDataCache::get(const RunSpec& spec, const Catalogue& catalogue,
                                                 FileHashCache& hash_cache) {
  const std::string key = spec.json.at("dataset").dump();
  auto it = entries_.find(key);
  if (it != entries_.end()) return it->second;
  Entry entry;
  try {
    entry.train = open_split(spec, catalogue, "train");
    entry.val = open_split(spec, catalogue, "val");
    entry.test = open_split(spec, catalogue, "test");
  } catch (const Error& e) {
    // A copy made here: the plugin's own error object lives in its library's code.
    throw DataError(e.subject(), e.problem(), e.remedy());
  }
  std::vector<std::string> files;
  for (const auto& split : {entry.train, entry.val, entry.test})
    for (auto& f : split->manifest()) files.push_back(std::move(f));
  entry.manifest = build_data_manifest(files, hash_cache, static_cast<int>(spec.train.threads));
  return entries_.emplace(key, std::move(entry)).first->second;
}

LossContext loss_context_of(const DatasetInfo& info, const ClassCounts& counts) {
  LossContext context;
  context.num_classes = static_cast<std::int64_t>(info.class_names.size());
  context.task = info.task;
  context.class_names = info.class_names;
  context.train_samples = counts.samples;
  context.class_counts = counts.per_class;
  return context;
}

std::string train_data_key(const RunSpec& spec, const DataManifest& manifest) {
  nlohmann::json key = {{"dataset", spec.json.at("dataset")}, {"data_manifest_sha256", manifest.sha256}};
  return sha256_hex(key.dump());
}

ModelContext model_context_of(const DatasetInfo& info) {
  ModelContext context;
  context.num_classes = static_cast<std::int64_t>(info.class_names.size());
  context.task = info.task;
  context.inputs = info.inputs;
  return context;
}

bool head_is_reinitialised(const ParentRun& parent, const DatasetInfo& info) {
  return parent.num_classes && *parent.num_classes != info.class_names.size();
}

void check_model(const RunSpec& spec, const DatasetInfo& info, const Catalogue& catalogue,
                 const ParentRun* parent) {
  const StartingModel start = make_starting_model(spec, info, catalogue, parent, /*copy=*/false);
  std::vector<std::string> names;
  for (const CheckedGroup& group : start.groups) names.push_back(group.name);
  trained_groups(spec.finetune, names, "model plugin '" + spec.model->name + "'");
}

namespace {

// train.selection_metric "auto" becomes the task's default; any other name must be in the
// task's suite (known only now that the dataset is open).
void resolve_selection_metric(RunSpec& spec, Task task) {
  std::string& metric = spec.train.selection_metric;
  if (metric == "auto") {
    metric = default_selection_metric(task);
  } else {
    const std::vector<std::string> allowed = selection_metrics(task);
    if (std::find(allowed.begin(), allowed.end(), metric) == allowed.end()) {
      std::string names;
      for (const std::string& name : allowed) names += (names.empty() ? "" : ", ") + name;
      throw Error("train.selection_metric",
                  "'" + metric + "' is not a metric of " + task_text(task) + " data",
                  "use one of: " + names);
    }
  }
  spec.json["train"]["selection_metric"] = metric;
}

ParentRun find_parent(RunSpec& spec, const ParentRuns* parents) {
  if (parents == nullptr)
    throw Error("model.pretrained", "this command cannot look up parent runs",
                "run the spec with `eorun run` or in a sweep");
  ParentRun parent = parents->find(spec.pretrained_run);
  if (parent.model_plugin != spec.model->name)
    throw Error("model.pretrained",
                "run " + parent.run_id.substr(0, 12) + " trained model plugin '" +
                    parent.model_plugin + "', this run's model is '" + spec.model->name + "'",
                "pretrain from a run of the same model architecture");
  spec.pretrained_run = parent.run_id;
  spec.json["model"]["pretrained"] = "run:" + parent.run_id;
  return parent;
}

}  // namespace

PreparedRun prepare_run(const nlohmann::json& user_spec, const Catalogue& catalogue,
                        FileHashCache& hash_cache, PreparedDataCache* data_cache,
                        const ParentRuns* parents) {
  PreparedDataCache local;
  PreparedDataCache& cache = data_cache != nullptr ? *data_cache : local;
  PreparedRun run;
  run.spec = resolve_run_spec(user_spec, catalogue);
  if (!run.spec.pretrained_run.empty()) run.parent = find_parent(run.spec, parents);
  PreparedDataCache::Entry& data = cache.get(run.spec, catalogue, hash_cache);
  run.train = data.train;
  run.val = data.val;
  run.test = data.test;
  run.manifest = data.manifest;
  const DatasetInfo& info = run.train->info();
  resolve_selection_metric(run.spec, info.task);
  check_normalisation(run.spec.normalisation, info, run.spec.dataset->name);
  if (!data.class_counts)
    data.class_counts = load_or_compute_class_counts(
        *run.train, train_data_key(run.spec, run.manifest), hash_cache.cache_dir(),
        static_cast<int>(run.spec.train.threads));
  run.class_counts = *data.class_counts;
  // A loss that refuses the task (or the counts) says so now, before anything runs.
  const std::string loss_key = run.spec.json.at("loss").dump();
  if (data.checked_losses.count(loss_key) == 0) {
    catalogue.make_loss(*run.spec.loss, run.spec.loss_params, loss_context_of(info, run.class_counts));
    data.checked_losses.insert(loss_key);
  }
  const std::string model_key = run.spec.json.at("model").dump();
  if (data.checked_models.count(model_key) == 0) {
    check_model(run.spec, info, catalogue, run.parent ? &*run.parent : nullptr);
    data.checked_models.insert(model_key);
  }
  run.param_files = hash_param_files(run.spec, hash_cache, static_cast<int>(run.spec.train.threads));
  run.device = resolve_compute_device(run.spec.train.device);
  run.identity = identity_document(run.spec, run.manifest.sha256,
                                   param_files_json(run.param_files), build_id(),
                                   run.device.identity());
  run.run_id = run_id_of(run.identity);
  return run;
}

}  // namespace eorun
