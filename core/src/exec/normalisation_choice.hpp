// Which per-band statistics normalise a run's inputs ([dataset] normalize), and what they are:
//   "train_stats"  pooled over every pixel of the train split, cached by the train data's hash
//   "reference"    the data set's published constants (DatasetInfo::reference), said so
//   "none"         identity (mean 0, std 1)
// The run records the method and the source with the values.
#pragma once

#include <filesystem>
#include <string>

#include "data/band_stats.hpp"
#include "eorun/dataset.hpp"
#include "spec/run_spec.hpp"

namespace eorun {

struct RunNormalisation {
  BandStats stats;
  std::string method;  // "train_stats", "reference" or "none"
  std::string source;  // where the values come from, one line
};

// Throws eorun::Error (subject "dataset.normalize") when `method` cannot serve this data: a
// reference asked of a data set (or band selection) without published constants, or constants
// that do not match the channel count. Cheap: prepare calls it before anything runs.
void check_normalisation(Normalisation method, const DatasetInfo& info,
                         const std::string& dataset_name);

// The statistics of `method` for the train split `train` (computing and caching pooled train
// statistics under `cache_dir` keyed by `data_key` when asked for).
RunNormalisation choose_normalisation(Normalisation method, const Dataset& train,
                                      const std::string& dataset_name, const std::string& data_key,
                                      const std::filesystem::path& cache_dir, int threads);

const char* normalisation_name(Normalisation method);

}  // namespace eorun
