// The run spec: a user's config resolved against the plugins' schemas into one fully specified,
// canonical JSON document (defaults filled in, types fixed, paths absolute, threads counted).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "eorun/params.hpp"
#include "plugins/catalogue.hpp"
#include "train/band_adaptation.hpp"
#include "train/finetune_level.hpp"
#include "train/train_settings.hpp"

namespace eorun {

// How the core normalises dataset inputs ([dataset] normalize).
enum class Normalisation { train_stats, reference, none };

struct RunSpec {
  nlohmann::json json;  // {"dataset": {...}, "model": {...}, "loss": {...}, "train": {...}}
  const LoadedPlugin* dataset = nullptr;
  const LoadedPlugin* model = nullptr;
  const LoadedPlugin* loss = nullptr;
  Params dataset_params, model_params, loss_params;
  TrainSettings train;
  Normalisation normalisation = Normalisation::train_stats;
  bool data_cache = false;  // [dataset] cache: read the splits from their packed caches
  // model.pretrained without "run:": the parent run's id (a prefix until prepare_run resolves
  // it to the full id); empty when the model starts from random weights.
  std::string pretrained_run;
  // model.pretrained = "file:PATH": the weights file, an absolute path (hashed into the identity
  // as a file the spec names); empty otherwise.
  std::string pretrained_file;
  FinetuneLevel finetune;  // model.finetune, its default filled in
  // With pretrained weights: model.band_adapt, and model.pretrained_bands (empty: known from
  // the parent run, the file's metadata, or a 3-band first layer's ImageNet RGB).
  BandAdapt band_adapt = BandAdapt::by_name;
  std::vector<std::string> pretrained_bands;

  // Canonical text: keys sorted, no whitespace, numbers in shortest round-trip form.
  std::string canonical() const { return json.dump(); }
  // `json` with the keys that stay out of the identity (dataset.cache) put back: what another
  // process resolves to this same spec (a sweep's worker).
  nlohmann::json with_runtime_keys() const {
    nlohmann::json full = json;
    if (data_cache) full["dataset"]["cache"] = true;
    return full;
  }
};

// Resolves `user` ({"dataset": {"plugin": ..., ...}, "model": ..., "loss": ..., "train": ...}).
// Every problem (unknown section, unknown plugin, unknown key, wrong type, disallowed value, bad
// range) is collected and thrown together as an ErrorList.
RunSpec resolve_run_spec(const nlohmann::json& user, const Catalogue& catalogue);

// One [dataset] section resolved alone, as resolve_run_spec resolves it (the core's keys such as
// normalize included in `resolved`, left out of `params`), for commands that open a dataset
// without training (`eorun data inspect`, `eorun data split`). Throws an ErrorList.
struct DatasetSection {
  const LoadedPlugin* plugin = nullptr;
  nlohmann::json resolved;  // with "plugin"
  Params params;            // the plugin's own parameters
};
DatasetSection resolve_dataset_section(const nlohmann::json& section, const Catalogue& catalogue);

// The plugin's own values of a resolved [dataset] section: without "plugin" and the core's keys.
nlohmann::json dataset_plugin_values(const nlohmann::json& section);

}  // namespace eorun
