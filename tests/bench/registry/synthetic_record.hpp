// Synthetic run records for registry benchmarks: the shape of runs/<run_id>/record.json, with
// a sweep's worth of variety (model, optimizer, lr, fine-tuning level, bands, seed) and
// metrics that depend on the settings plus noise.
#pragma once

#include <cstdint>
#include <random>
#include <string>

#include "registry/run_record.hpp"

namespace eorun::bench {

// Record number `index` of a synthetic sweep; the same index and rng state give the same record.
RunRecord synthetic_record(std::uint64_t index, std::mt19937_64& rng);

// The run id of record number `index`.
std::string synthetic_run_id(std::uint64_t index);

}  // namespace eorun::bench
