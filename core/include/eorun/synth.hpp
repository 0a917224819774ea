// eorun plugin SDK: the optional hook of a dataset plugin that writes a synthetic copy of its own
// on-disk layout (`eorun data synth --dataset NAME --out DIR --samples N`).
//
// The copy has exactly the layout the plugin reads (real GeoTIFFs through GDAL, split files,
// label files), with learnable labels, so tests, demos and benchmarks exercise the real reader.
// Every byte must follow from the request alone: the same request writes the same files,
// whatever `threads` is. A plugin writes under a temporary name and renames into place, so an
// interrupted write never leaves a half copy that looks whole.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "eorun/params.hpp"

namespace eorun {

struct SynthRequest {
  std::string out;              // folder to write, absolute (created if needed)
  std::int64_t samples = 0;     // >= 1, over all splits
  std::uint64_t seed = 0;
  double val_fraction = 0.2;    // share of samples in the validation split, [0, 1)
  double test_fraction = 0.2;   // share in the test split; train keeps the rest (>= 1 sample)
  int threads = 1;              // writer threads (>= 1); must not change the output
  bool overwrite = false;       // replace an existing copy in `out`
};

struct SynthResult {
  std::size_t train = 0, val = 0, test = 0;  // samples per split
  std::size_t files = 0;                     // files written
  std::string layout;                        // what was written, e.g. "BigEarthNet v1.0 (S2)"
  // The [dataset] keys (besides `plugin`) that read the copy, values as JSON text, e.g.
  // {"root", "\"/data/synth\""}. `eorun data synth` prints them as a config snippet.
  std::vector<std::pair<std::string, std::string>> dataset_params;
};

// `options` holds the plugin's declared synth parameters (PluginDescriptor::synth_params),
// validated and with defaults filled in. Throws eorun::Error for a request it cannot serve.
using SynthFunction = SynthResult (*)(const SynthRequest& request, const Params& options);

}  // namespace eorun
