// Synthetic run records for registry benchmarks: the shape of runs/<run_id>/record.json, with
// a sweep's worth of variety (model, optimizer, lr, fine-tuning level, bands, seed) and
// metrics that depend on the settings plus noise.
#pragma once

#include <cstdint>
#include <random>

#include <nlohmann/json.hpp>

namespace eorun::bench {

// Record number `index` of a synthetic sweep; the same index and rng state give the same record.
nlohmann::json synthetic_record(std::uint64_t index, std::mt19937_64& rng);

}  // namespace eorun::bench
