// Trains one run: seeded, deterministic for a given thread count, interruptible.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "data/band_stats.hpp"
#include "eorun/dataset.hpp"
#include "eorun/loss.hpp"
#include "eorun/model.hpp"
#include "registry/run_status.hpp"
#include "train/finetune_level.hpp"
#include "train/group_training.hpp"
#include "train/train_settings.hpp"

namespace eorun {

struct TrainJob {
  std::shared_ptr<Dataset> train, val, test;
  std::shared_ptr<Model> model;
  std::shared_ptr<Loss> loss;
  TrainSettings settings;       // threads already resolved (> 0)
  FinetuneLevel finetune;       // which module groups train (pretrained weights already loaded)
  std::vector<std::string> new_groups;  // groups with fresh weights (a band adapter): trained at every level
  BandStats normalisation;      // per channel, applied by the loader: (x - mean) / std
  std::filesystem::path out_dir;  // existing folder: best.pt and predictions.csv are written here
  int loader_threads = 1;       // does not change results: data order depends only on the seed
  const std::atomic<bool>* stop_requested = nullptr;  // set by Ctrl-C; checked between batches
  bool show_progress = true;    // progress on stderr (a bar on a terminal, plain lines otherwise)
};

struct EpochResult {
  int epoch = 0;  // 1-based
  double train_loss = 0;
  std::map<std::string, double> val_metrics;
  std::string weights_sha256;  // of this epoch's final weights
  std::string chain_sha256;    // sha256(previous chain hex + weights_sha256); epoch 1 chains ""
  double lr = 0;               // the learning rate the epoch trained with
  double seconds = 0;
  double data_wait_seconds = 0;
};

struct TrainResult {
  RunStatus status = RunStatus::completed;
  std::string reason;  // why it failed or was interrupted; empty when completed
  std::vector<EpochResult> epochs;
  std::map<std::string, double> test_metrics;  // of the best checkpoint; empty unless completed
  // Per-class values of the test split ("precision", "recall", "f1", multi-label "ap"), and the
  // confusion matrix [true][predicted] for single-label; empty unless completed.
  std::map<std::string, std::vector<double>> test_per_class;
  std::vector<std::vector<std::int64_t>> test_confusion;
  int best_epoch = 0;
  double best_value = 0;
  int stopped_early_at = 0;     // the last epoch when early stopping ended training; 0 otherwise
  std::string stopped_early_why;
  std::string checkpoint_file;  // "best.pt" inside out_dir; empty when none was written
  std::string checkpoint_sha256;
  // The weights after the last epoch trained ("last.pt"), written when training ran to its end
  // (or stopped early); file empty otherwise.
  struct LastCheckpoint {
    std::int64_t epoch = 0;
    std::string file;
    std::string sha256;
  } last_checkpoint;
  std::string final_weights_sha256;
  // Per module group, input to output: trained or frozen, its size, its hash at the start and in
  // the kept weights. A frozen group whose hash moved fails the run.
  std::vector<GroupState> groups;
  std::int64_t parameters_total = 0;
  std::int64_t parameters_trainable = 0;
  std::string predictions_file;  // "predictions.csv" (id, per-class scores, truth) of the test split
  double wall_seconds = 0;
  double data_wait_seconds = 0;
  double samples_per_second = 0;  // training samples per second over all epochs
  std::int64_t peak_rss_bytes = 0;
};

// Never throws for a run that goes wrong while training (NaN loss, a sample that cannot be read,
// an exception from a plugin): those end as a failed result with the reason.
TrainResult train(const TrainJob& job);

}  // namespace eorun
