// Per-band normalisation statistics, pooled over every pixel of the train split.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "eorun/dataset.hpp"

namespace eorun {

struct BandStats {
  std::vector<double> mean;  // one per channel, all input groups concatenated
  std::vector<double> std;   // population standard deviation over all pixels
};

// Pooled over all pixels of every sample (not a mean of per-image deviations).
BandStats compute_band_stats(const Dataset& train, int threads);

// Cached in `cache_dir/stats/<data_hash>.json`; computed and written (atomically) on a miss.
BandStats load_or_compute_band_stats(const Dataset& train, const std::string& data_hash,
                                     const std::filesystem::path& cache_dir, int threads);

// Identity statistics (mean 0, std 1) for `channels` channels: no normalisation.
BandStats identity_band_stats(std::size_t channels);

}  // namespace eorun
