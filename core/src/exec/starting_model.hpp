// The model a run starts from: made by its plugin from the run's seed and, with
// model.pretrained, given the weights of the parent run's best checkpoint or of a weights file
// (a torch.save state dict or .safetensors, matched by name with a wrapper's key prefix dropped),
// its first layer fitted to the run's bands (model.band_adapt, train/band_adaptation.hpp).
//
// A parent run's checkpoint must cover the model exactly; a file may lack tensors of the model or
// hold others: both are allowed and recorded. A tensor on both sides with another shape is an
// error, except the first layer, which band adaptation rewrites. The head keeps its seeded
// weights when the source's classes differ (or a file has no head).
//
// prepare_run checks all of it without copying (copy = false); the executor loads.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "eorun/model.hpp"
#include "exec/parent_runs.hpp"
#include "plugins/catalogue.hpp"
#include "registry/run_record.hpp"
#include "spec/run_spec.hpp"
#include "train/model_groups.hpp"

namespace eorun {

struct StartingModel {
  std::shared_ptr<Model> model;
  std::vector<CheckedGroup> groups;
  std::vector<std::string> new_groups;  // groups with fresh weights that train at every level
  std::optional<Lineage> lineage;       // what was (or would be) loaded; null without weights
};

// `parent` is the resolved parent run for model.pretrained = "run:..." (a planned parent, without
// a checkpoint yet, is not checked). Throws eorun::Error when the weights do not fit.
StartingModel make_starting_model(const RunSpec& spec, const DatasetInfo& info, const Catalogue& catalogue,
                                  const ParentRun* parent, bool copy);

}  // namespace eorun
