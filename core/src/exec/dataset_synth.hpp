// `eorun data synth --dataset NAME`: a dataset plugin's synth hook (SDK synth.hpp) run by the core,
// with the request checked and the plugin's synth options validated against its declared schema.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "eorun/synth.hpp"
#include "plugins/catalogue.hpp"

namespace eorun {

// Writes a synthetic copy of `dataset`'s layout. `options` holds the plugin's synth options as
// the user gave them (KEY -> JSON value). Throws eorun::Error (or ErrorList) before anything is
// written for: an unknown dataset, a dataset without a synth hook (naming the datasets that have
// one), a bad request (subjects are the CLI options: --patches, --val-fraction, ...), bad options.
// `request.threads` 0 means one per core.
SynthResult synthesize_dataset(const Catalogue& catalogue, const std::string& dataset,
                               SynthRequest request, const nlohmann::json& options);

}  // namespace eorun
