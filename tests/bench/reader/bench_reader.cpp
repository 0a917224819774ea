// bench_reader: how many BigEarthNet patches per second the bigearthnet plugin reads, all 12
// bands bilinearly resampled to 120x120 (the work of one training sample), with 1, 2, ... threads.
//
//   bench_reader [--data DIR] [--patches 500] [--seed 0] [--threads 1,2] [--repeat 3]
//                [--bands ms|rgb] [--split train]
//
// Without --data it writes a synthetic dataset of --patches patches (all in the train split) to a
// temporary folder and removes it afterwards; with --data DIR it reads the dataset in DIR, first
// writing one there (and keeping it) when DIR has no BigEarthNet-v1.0 folder yet.
// Every pass reads every patch of the split once. A first untimed pass computes the checksum (sum
// of every value read; it must equal rasterio_reader.py's) and warms the page cache; then each
// thread count runs --repeat passes and the best is reported.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <ATen/ATen.h>

#include "band_set.hpp"
#include "bigearthnet_dataset.hpp"
#include "eorun/parallel_for.hpp"
#include "synth/bigearthnet_synth.hpp"
#include "eorun/error.hpp"
#include "support/temp_dir.hpp"

namespace {

using eorun::bigearthnet::BigEarthNetDataset;
using eorun::bigearthnet::BigEarthNetOptions;

struct Args {
  std::string data;
  int patches = 500;
  std::uint64_t seed = 0;
  std::vector<int> threads = {1, 2};
  int repeat = 3;
  std::string bands = "ms";
  std::string split = "train";
};

[[noreturn]] void usage(const std::string& problem) {
  std::cerr << "bench_reader: " << problem
            << "\nusage: bench_reader [--data DIR] [--patches N] [--seed S] [--threads 1,2] "
               "[--repeat R] [--bands ms|rgb] [--split train]\n";
  std::exit(2);
}

Args parse(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) usage("missing value after " + flag);
    const std::string value = argv[++i];
    if (flag == "--data") {
      args.data = value;
    } else if (flag == "--patches") {
      args.patches = std::stoi(value);
    } else if (flag == "--seed") {
      args.seed = std::stoull(value);
    } else if (flag == "--threads") {
      args.threads.clear();
      for (std::size_t start = 0; start <= value.size();) {
        std::size_t comma = std::min(value.find(',', start), value.size());
        args.threads.push_back(std::stoi(value.substr(start, comma - start)));
        start = comma + 1;
      }
    } else if (flag == "--repeat") {
      args.repeat = std::max(1, std::stoi(value));
    } else if (flag == "--bands") {
      args.bands = value;
    } else if (flag == "--split") {
      args.split = value;
    } else {
      usage("unknown option " + flag);
    }
  }
  return args;
}

// Sum of every value of every sample (one thread, untimed): the cross-check with rasterio.
double checksum_all(const BigEarthNetDataset& dataset) {
  double checksum = 0.0;
  for (std::size_t i = 0; i < dataset.size(); ++i) {
    eorun::Sample sample = dataset.get(i);
    const float* values = sample.inputs[0].data_ptr<float>();
    for (std::int64_t k = 0; k < sample.inputs[0].numel(); ++k) checksum += values[k];
  }
  return checksum;
}

// Reads every sample once on `threads` threads; returns seconds.
double read_all(const BigEarthNetDataset& dataset, int threads) {
  std::atomic<std::size_t> next{0};
  std::atomic<std::int64_t> values{0};
  auto work = [&] {
    for (std::size_t i = next++; i < dataset.size(); i = next++)
      values += dataset.get(i).inputs[0].numel();
  };
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> workers;
  for (int t = 1; t < threads; ++t) workers.emplace_back(work);
  work();
  for (std::thread& worker : workers) worker.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (values != static_cast<std::int64_t>(dataset.size()) * 12 * 120 * 120 &&
      values != static_cast<std::int64_t>(dataset.size()) * 3 * 120 * 120)
    throw std::runtime_error("a pass read an unexpected number of values");
  return seconds;
}

int run(const Args& args) {
  std::unique_ptr<eorun::test::TempDir> temp;
  std::string root = args.data;
  if (root.empty()) {
    temp = std::make_unique<eorun::test::TempDir>();
    root = temp->path().string();
  }
  if (!std::filesystem::exists(std::filesystem::path(root) / "BigEarthNet-v1.0")) {
    eorun::SynthRequest synth;
    synth.out = root;
    synth.samples = args.patches;
    synth.seed = args.seed;
    synth.val_fraction = 0.0;
    synth.test_fraction = 0.0;
    synth.threads = static_cast<int>(eorun::worker_count(0, 1024));
    const auto start = std::chrono::steady_clock::now();
    eorun::bigearthnet::write_synthetic_bigearthnet(synth, eorun::Params("synth"));
    std::printf("wrote %d synthetic patches to %s in %.2f s\n", args.patches, root.c_str(),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }

  BigEarthNetOptions options;
  options.root = root;
  options.bands = eorun::bigearthnet::bands_from_preset(args.bands);
  options.split = args.split;
  options.split_file = "bigearthnet-" + args.split + ".csv";
  const auto open_start = std::chrono::steady_clock::now();
  BigEarthNetDataset dataset(options);
  const double open_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - open_start).count();
  std::printf(
      "dataset: %zu patches (%s split), %zu bands resampled to 120x120; labels read in %.3f s\n",
      dataset.size(), args.split.c_str(), options.bands.size(), open_seconds);

  const double checksum = checksum_all(dataset);  // also warms the page cache; untimed
  std::printf("checksum %.1f (sum of every value read)\n", checksum);
  for (int threads : args.threads) {
    double best = 1e300;
    for (int r = 0; r < args.repeat; ++r) best = std::min(best, read_all(dataset, threads));
    std::printf("threads %d: %zu patches in %.3f s = %.0f patches/s (best of %d)\n", threads,
                dataset.size(), best, static_cast<double>(dataset.size()) / best, args.repeat);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse(argc, argv));
  } catch (const std::exception& e) {
    std::cerr << "bench_reader: error: " << e.what() << "\n";
    return 1;
  }
}
