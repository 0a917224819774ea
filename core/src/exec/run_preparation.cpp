#include "exec/run_preparation.hpp"

#include "exec/environment.hpp"
#include "spec/run_identity.hpp"
#include "train/model_groups.hpp"

namespace eorun {

namespace {

constexpr const char* kDevice = "cpu";

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
  entry.train = open_split(spec, catalogue, "train");
  entry.val = open_split(spec, catalogue, "val");
  entry.test = open_split(spec, catalogue, "test");
  std::vector<std::string> files;
  for (const auto& split : {entry.train, entry.val, entry.test})
    for (auto& f : split->manifest()) files.push_back(std::move(f));
  entry.manifest = build_data_manifest(files, hash_cache, static_cast<int>(spec.train.threads));
  return entries_.emplace(key, std::move(entry)).first->second;
}

ModelContext model_context_of(const DatasetInfo& info) {
  ModelContext context;
  context.num_classes = static_cast<std::int64_t>(info.class_names.size());
  context.task = info.task;
  context.inputs = info.inputs;
  return context;
}

void check_model(const RunSpec& spec, const DatasetInfo& info, const Catalogue& catalogue) {
  const std::shared_ptr<Model> model =
      catalogue.make_model(*spec.model, spec.model_params, model_context_of(info));
  checked_groups(*model, "model plugin '" + spec.model->name + "'");
}

PreparedRun prepare_run(const nlohmann::json& user_spec, const Catalogue& catalogue,
                        FileHashCache& hash_cache, PreparedDataCache* data_cache) {
  PreparedDataCache local;
  PreparedDataCache& cache = data_cache != nullptr ? *data_cache : local;
  PreparedRun run;
  run.spec = resolve_run_spec(user_spec, catalogue);
  PreparedDataCache::Entry& data = cache.get(run.spec, catalogue, hash_cache);
  run.train = data.train;
  run.val = data.val;
  run.test = data.test;
  run.manifest = data.manifest;
  const std::string model_key = run.spec.json.at("model").dump();
  if (data.checked_models.count(model_key) == 0) {
    check_model(run.spec, run.train->info(), catalogue);
    data.checked_models.insert(model_key);
  }
  run.param_files = hash_param_files(run.spec, hash_cache, static_cast<int>(run.spec.train.threads));
  run.identity = identity_document(run.spec, run.manifest.sha256,
                                   param_files_json(run.param_files), build_id(), kDevice);
  run.run_id = run_id_of(run.identity);
  return run;
}

}  // namespace eorun
