// Writes a registry of synthetic runs, for timing queries at scale.
//
//   eorun_bench_make_registry OUT.db [RUNS]        (RUNS defaults to 100000)
//
// Records go through Registry::ingest in batches (one transaction per batch), so the tables and
// the param_values counts are exactly what real ingests produce. The first kSweepRuns runs are
// also recorded as the plan of a sweep named "bench_grid" (for `eorun query --sweep`).
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "eorun/error.hpp"
#include "registry/registry.hpp"
#include "synthetic_record.hpp"
#include "util/sha256.hpp"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: eorun_bench_make_registry OUT.db [RUNS]\n";
    return 2;
  }
  const std::filesystem::path out = argv[1];
  const std::uint64_t runs = argc == 3 ? std::strtoull(argv[2], nullptr, 10) : 100'000;
  if (std::filesystem::exists(out)) {
    std::cerr << "eorun_bench_make_registry: error: " << out.string()
              << ": exists; remove it or pick another path\n";
    return 2;
  }
  constexpr std::uint64_t kBatch = 2000;
  try {
    const auto start = std::chrono::steady_clock::now();
    std::size_t completed = 0;
    {
      eorun::Registry registry = eorun::Registry::open(out);
      std::mt19937_64 rng(42);
      std::vector<nlohmann::json> batch;
      for (std::uint64_t i = 0; i < runs; ++i) {
        batch.push_back(eorun::bench::synthetic_record(i, rng).to_json());
        if (batch.size() == kBatch || i + 1 == runs) {
          registry.ingest_all(batch);
          batch.clear();
        }
      }
      eorun::SweepRecord sweep;
      sweep.name = "bench_grid";
      sweep.script_path = "scripts/bench_grid.lua";
      sweep.script_text = "-- the first runs of eorun_bench_make_registry";
      sweep.script_sha256 = eorun::sha256_hex(sweep.script_text);
      sweep.sweep_id = eorun::sha256_hex("bench_grid " + std::to_string(runs));
      constexpr std::uint64_t kSweepRuns = 2700;
      for (std::uint64_t i = 0; i < runs && i < kSweepRuns; ++i)
        sweep.runs.push_back({i, eorun::bench::synthetic_run_id(i), nlohmann::json::object()});
      registry.record_sweep(sweep);
      completed = registry.completed_run_count();
    }  // closing checkpoints the WAL into the file
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "wrote " << runs << " runs (" << completed << " completed) to " << out.string()
              << " in " << seconds << " s; " << std::filesystem::file_size(out) / (1024 * 1024)
              << " MiB\n";
  } catch (const eorun::Error& e) {
    std::cerr << "eorun_bench_make_registry: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
