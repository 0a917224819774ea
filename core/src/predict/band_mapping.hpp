// Which band of a scene feeds each input channel of a run: the scene's bands are named (by
// --bands, or by the GDAL band descriptions) and matched to the run's band names, case aside.
#pragma once

#include <string>
#include <vector>

namespace eorun {

// The names of a scene's `band_count` bands: `listed` (from --bands, one per band in order) or,
// when `listed` is {"auto"} or empty, the band descriptions. `scene` names the file in errors.
// Throws eorun::Error when the list has another length than the scene has bands, when a band
// has no description under "auto", or when a name is given twice.
std::vector<std::string> scene_band_names(const std::vector<std::string>& listed,
                                          const std::vector<std::string>& descriptions,
                                          const std::string& scene);

// For each of `run_bands` (channel order), the 1-based index of the scene band of that name.
// Throws eorun::Error naming every band the run needs that the scene lacks, and the scene's bands.
std::vector<int> map_bands(const std::vector<std::string>& run_bands,
                           const std::vector<std::string>& scene_bands, const std::string& scene,
                           const std::string& run);

}  // namespace eorun
