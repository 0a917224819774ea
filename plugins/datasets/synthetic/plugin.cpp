// The synthetic dataset plugin: learnable samples generated on the fly, no files.
#include "eorun/plugin.hpp"

#include "synthetic_dataset.hpp"

namespace {

eorun::Dataset* create_dataset(const eorun::Params& params, const eorun::DatasetContext& context) {
  return new eorun::synthetic::SyntheticDataset(
      eorun::synthetic::options_from_params(params, context));
}

}  // namespace

EORUN_DECLARE_PLUGIN(eorun::dataset_plugin(
    "synthetic", "1.0.0",
    "learnable samples generated on the fly (any task, classes, bands and size; no files)",
    eorun::synthetic::kParams, eorun::synthetic::kParamCount, &create_dataset))
