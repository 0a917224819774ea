// bench_train: one ShortCNN training epoch on synthetic BigEarthNet patches read through the
// bigearthnet plugin's reader (the same code the plugin runs), with the real loader and trainer.
// Reports epoch time, training samples per second, and the share of the epoch the trainer spent
// waiting for data (goal: under 10%).
//
//   bench_train [--data DIR] [--patches 2000] [--val-share 0.05] [--bands rgb,ms] [--batch 32]
//               [--threads 2] [--loader-threads 2] [--epochs 1] [--seed 0] [--in-memory]
//               [--overhead]
//
// --patches is the size of the train split; val and test get --val-share of it each (the epoch
// includes one validation pass, as in a run). --overhead also times, on their own, what the
// trainer does per epoch besides the model and the loss (task head, metric suite, group
// bookkeeping: epoch_overhead.hpp) and gives it as a share of the mean epoch. Without --data the synthetic dataset is written to a
// temporary folder and removed afterwards; with --data DIR it is written there once and reused.
// --in-memory reads every sample into memory first: the epoch then measures compute alone.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <torch/torch.h>

#include "band_set.hpp"
#include "bce_loss.hpp"
#include "bigearthnet_dataset.hpp"
#include "data/band_stats.hpp"
#include "epoch_overhead.hpp"
#include "eorun/parallel_for.hpp"
#include "synth/bigearthnet_synth.hpp"
#include "eorun/error.hpp"
#include "short_cnn_model.hpp"
#include "support/temp_dir.hpp"
#include "train/determinism.hpp"
#include "train/trainer.hpp"
#include "util/resource_usage.hpp"

namespace {

using eorun::bigearthnet::BigEarthNetDataset;
using eorun::bigearthnet::BigEarthNetOptions;

struct Args {
  std::string data;
  int patches = 2000;
  double val_share = 0.05;
  std::vector<std::string> bands = {"rgb", "ms"};
  int batch = 32;
  int threads = 2;
  int loader_threads = 2;
  int epochs = 1;
  std::uint64_t seed = 0;
  bool in_memory = false;
  bool overhead = false;
};

[[noreturn]] void usage(const std::string& problem) {
  std::cerr << "bench_train: " << problem
            << "\nusage: bench_train [--data DIR] [--patches N] [--bands rgb,ms] [--batch B] "
               "[--threads T] [--loader-threads L] [--epochs E] [--seed S] [--in-memory] "
               "[--val-share F] [--overhead]\n";
  std::exit(2);
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    parts.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return parts;
}

Args parse(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--in-memory" || flag == "--overhead") {
      (flag == "--in-memory" ? args.in_memory : args.overhead) = true;
      continue;
    }
    if (i + 1 >= argc) usage("missing value after " + flag);
    const std::string value = argv[++i];
    if (flag == "--data") {
      args.data = value;
    } else if (flag == "--patches") {
      args.patches = std::stoi(value);
    } else if (flag == "--val-share") {
      args.val_share = std::stod(value);
      if (!(args.val_share > 0 && args.val_share <= 1)) usage("--val-share must be in (0, 1]");
    } else if (flag == "--bands") {
      args.bands = split_commas(value);
    } else if (flag == "--batch") {
      args.batch = std::stoi(value);
    } else if (flag == "--threads") {
      args.threads = std::stoi(value);
    } else if (flag == "--loader-threads") {
      args.loader_threads = std::stoi(value);
    } else if (flag == "--epochs") {
      args.epochs = std::stoi(value);
    } else if (flag == "--seed") {
      args.seed = std::stoull(value);
    } else {
      usage("unknown option " + flag);
    }
  }
  return args;
}

// Every sample of a split read once into memory.
class PreloadedDataset : public eorun::Dataset {
 public:
  explicit PreloadedDataset(const eorun::Dataset& source) : info_(source.info()) {
    for (std::size_t i = 0; i < source.size(); ++i) samples_.push_back(source.get(i));
  }
  const eorun::DatasetInfo& info() const override { return info_; }
  std::size_t size() const override { return samples_.size(); }
  eorun::Sample get(std::size_t index) const override { return samples_.at(index); }
  std::vector<std::string> manifest() const override { return {}; }

 private:
  eorun::DatasetInfo info_;
  std::vector<eorun::Sample> samples_;
};

std::shared_ptr<eorun::Dataset> open_split(const std::filesystem::path& root,
                                           const std::string& bands, const std::string& split,
                                           bool in_memory) {
  BigEarthNetOptions options;
  options.root = root;
  options.bands = eorun::bigearthnet::bands_from_preset(bands);
  options.num_classes = 19;
  options.split = split;
  options.split_file = "bigearthnet-" + split + ".csv";
  auto dataset = std::make_shared<BigEarthNetDataset>(options);
  if (!in_memory) return dataset;
  return std::make_shared<PreloadedDataset>(*dataset);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void report_overhead(const eorun::TrainJob& job, const eorun::TrainResult& result) {
  double epoch_seconds = 0;
  for (const eorun::EpochResult& epoch : result.epochs) epoch_seconds += epoch.seconds;
  epoch_seconds /= static_cast<double>(result.epochs.size());
  const eorun::bench::EpochOverhead overhead = eorun::bench::measure_epoch_overhead(job, 21);
  const auto share = [&](double seconds) { return 100.0 * seconds / epoch_seconds; };
  std::printf("  trainer bookkeeping per epoch (medians of 21): task head %.2f ms, metric suite "
              "%.2f ms, train mode %.3f ms = %.3f%% of the mean epoch (%.2f s)\n",
              1e3 * overhead.head_seconds, 1e3 * overhead.metrics_seconds,
              1e3 * overhead.train_mode_seconds, share(overhead.per_epoch()), epoch_seconds);
  std::printf("  once per run: group hashes at start and end %.2f ms = %.3f%% of one epoch; "
              "a one-epoch run's total: %.3f%%\n",
              1e3 * overhead.group_hashes_seconds, share(overhead.group_hashes_seconds),
              share(overhead.per_epoch() + overhead.group_hashes_seconds));
}

void bench(const Args& args, const std::filesystem::path& root, const std::string& bands) {
  const auto open_start = std::chrono::steady_clock::now();
  eorun::TrainJob job;
  job.train = open_split(root, bands, "train", args.in_memory);
  job.val = open_split(root, bands, "val", args.in_memory);
  job.test = open_split(root, bands, "test", args.in_memory);
  const double open_seconds = seconds_since(open_start);

  const auto stats_start = std::chrono::steady_clock::now();
  job.normalisation = eorun::compute_band_stats(*job.train, args.loader_threads);
  const double stats_seconds = seconds_since(stats_start);

  job.settings.epochs = args.epochs;
  job.settings.batch_size = args.batch;
  job.settings.threads = args.threads;
  job.settings.seed = 1;
  job.loader_threads = args.loader_threads;
  job.show_progress = true;  // on stderr: a bar on a terminal, a line every 10 s otherwise
  eorun::prepare_determinism(job.settings.seed, args.threads);
  const eorun::DatasetInfo& info = job.train->info();
  job.model = std::make_shared<eorun::shortcnn::ShortCnnModel>(eorun::shortcnn::ShortCnnOptions(
      info.inputs[0].channels(), static_cast<std::int64_t>(info.class_names.size())));
  job.loss = std::make_shared<eorun::bce::BceLoss>();
  eorun::test::TempDir out;
  job.out_dir = out.path();

  const eorun::ResourceUsage before = eorun::current_resource_usage();
  const eorun::TrainResult result = eorun::train(job);
  const eorun::ResourceUsage after = eorun::current_resource_usage();
  const double cpu_seconds = (after.user_cpu_seconds + after.system_cpu_seconds) -
                             (before.user_cpu_seconds + before.system_cpu_seconds);
  if (result.status != eorun::RunStatus::completed)
    throw std::runtime_error("the run " + eorun::to_string(result.status) + ": " + result.reason);

  std::printf("\n%s (%zu bands), %zu train / %zu val / %zu test patches, batch %d, torch threads "
              "%d, loader threads %d%s\n",
              bands.c_str(), info.band_names().size(), job.train->size(), job.val->size(),
              job.test->size(), args.batch, args.threads, args.loader_threads,
              args.in_memory ? ", samples preloaded in memory" : "");
  std::printf("  open splits %.2f s, band statistics %.2f s\n", open_seconds, stats_seconds);
  for (const eorun::EpochResult& epoch : result.epochs) {
    std::printf("  epoch %d: %.2f s (train + val), data wait %.2f s = %.1f%% of the epoch, "
                "train loss %.4f\n",
                epoch.epoch, epoch.seconds, epoch.data_wait_seconds,
                100.0 * epoch.data_wait_seconds / epoch.seconds, epoch.train_loss);
  }
  std::printf("  training: %.1f samples/s; whole run %.2f s wall, %.1f s CPU (all threads, "
              "test pass included); peak RSS %.0f MiB\n",
              result.samples_per_second, result.wall_seconds, cpu_seconds,
              static_cast<double>(result.peak_rss_bytes) / (1024.0 * 1024.0));
  if (args.overhead) report_overhead(job, result);
}

int run(const Args& args) {
  std::unique_ptr<eorun::test::TempDir> temp;
  std::filesystem::path root = args.data;
  if (root.empty()) {
    temp = std::make_unique<eorun::test::TempDir>();
    root = temp->path();
  }
  if (!std::filesystem::exists(root / eorun::bigearthnet::kSynthS2Folder)) {
    // val and test get --val-share of the train size each.
    const int held_out = std::max(1, static_cast<int>(args.patches * args.val_share));
    const int total = args.patches + 2 * held_out;
    eorun::SynthRequest synth;
    synth.out = root.string();
    synth.samples = total;
    synth.seed = args.seed;
    synth.val_fraction = static_cast<double>(held_out) / total;
    synth.test_fraction = synth.val_fraction;
    synth.threads = static_cast<int>(eorun::worker_count(0, 1024));
    const auto start = std::chrono::steady_clock::now();
    const eorun::SynthResult summary =
        eorun::bigearthnet::write_synthetic_bigearthnet(synth, eorun::Params("synth"));
    std::printf("wrote %d synthetic patches (%zu train, %zu val, %zu test) to %s in %.1f s\n",
                total, summary.train, summary.val, summary.test, root.c_str(),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::printf("hardware threads: %u\n", std::thread::hardware_concurrency());
  for (const std::string& bands : args.bands) bench(args, root, bands);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse(argc, argv));
  } catch (const std::exception& e) {
    std::cerr << "bench_train: error: " << e.what() << "\n";
    return 1;
  }
}
