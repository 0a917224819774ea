#include "synthetic_record.hpp"

#include <array>
#include <string>

#include "util/sha256.hpp"

namespace eorun::bench {

namespace {

constexpr std::array<const char*, 3> kModels = {"shortcnn", "resnet18", "densenet121"};
constexpr std::array<const char*, 3> kOptimizers = {"adam", "sgd", "adamw"};
constexpr std::array<double, 5> kLearningRates = {1e-4, 3e-4, 1e-3, 3e-3, 1e-2};
constexpr std::array<const char*, 3> kFinetune = {"head", "last2", "all"};
constexpr std::array<const char*, 2> kBands = {"rgb", "all"};
constexpr std::size_t kCombinations =
    kModels.size() * kOptimizers.size() * kLearningRates.size() * kFinetune.size() * kBands.size();
constexpr int kEpochs = 3;

// Higher-is-better scores and lower-is-better losses of a multi-label suite.
constexpr std::array<const char*, 8> kScores = {"f1_macro",     "f1_micro",       "f1_samples",
                                                "map_macro",    "map_micro",      "precision_macro",
                                                "recall_macro", "accuracy_subset"};
constexpr std::array<const char*, 4> kLosses = {"hamming_loss", "coverage_error", "ranking_loss",
                                                "one_error"};

MetricValues metric_suite(double quality, std::mt19937_64& rng) {
  std::normal_distribution<double> noise(0.0, 0.02);
  MetricValues metrics;
  for (const char* name : kScores) metrics[name] = quality + noise(rng);
  for (const char* name : kLosses) metrics[name] = 1.0 - quality + noise(rng);
  return metrics;
}

}  // namespace

std::string synthetic_run_id(std::uint64_t index) {
  return sha256_hex("synthetic run " + std::to_string(index));
}

RunRecord synthetic_record(std::uint64_t index, std::mt19937_64& rng) {
  std::uint64_t k = index % kCombinations;
  const char* model = kModels[k % kModels.size()];
  k /= kModels.size();
  const char* optimizer = kOptimizers[k % kOptimizers.size()];
  k /= kOptimizers.size();
  const double lr = kLearningRates[k % kLearningRates.size()];
  k /= kLearningRates.size();
  const char* finetune = kFinetune[k % kFinetune.size()];
  k /= kFinetune.size();
  const char* bands = kBands[k % kBands.size()];
  const std::int64_t seed = static_cast<std::int64_t>(index / kCombinations) + 1;

  const std::string run_id = synthetic_run_id(index);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const double roll = unit(rng);
  const RunStatus status = roll < 0.92   ? RunStatus::completed
                           : roll < 0.97 ? RunStatus::failed
                                         : RunStatus::interrupted;
  const bool completed = status == RunStatus::completed;
  const double quality = 0.3 + 0.4 * unit(rng);

  RunRecord record;
  record.run_id = run_id;
  record.status = status;
  record.reason = completed                       ? ""
                  : status == RunStatus::failed ? "loss became NaN"
                                                : "interrupted";
  record.spec = {{"dataset",
                  {{"plugin", "bigearthnet"},
                   {"root", "/data/bigearthnet"},
                   {"bands", bands},
                   {"classes", 19},
                   {"augment", true}}},
                 {"model", {{"plugin", model}, {"pretrained", true}, {"finetune", finetune}}},
                 {"loss", {{"plugin", "bce"}}},
                 {"train",
                  {{"optimizer", optimizer},
                   {"lr", lr},
                   {"epochs", kEpochs},
                   {"batch_size", 32},
                   {"seed", seed},
                   {"threads", 2},
                   {"weight_decay", 0.0001}}}};
  for (const auto& [role, name] : {std::pair<const char*, const char*>{"dataset", "bigearthnet"},
                                   {"model", model},
                                   {"loss", "bce"}})
    record.plugins.push_back({role, name, "1.0.0", sha256_hex(name),
                              std::string("/opt/eorun/plugins/libeorun_") + name + ".so"});

  const int epochs_run = completed ? kEpochs : 1 + static_cast<int>(index % kEpochs);
  BestCheckpoint best{0, "f1_macro", -1.0, "best.pt", sha256_hex(run_id + " best")};
  for (int e = 1; e <= epochs_run; ++e) {
    MetricValues val = metric_suite(quality * (0.8 + 0.1 * e), rng);
    if (val.at("f1_macro") > best.value) {
      best.value = val.at("f1_macro");
      best.epoch = e;
    }
    const std::string weights = sha256_hex(run_id + " weights " + std::to_string(e));
    record.epochs.push_back({e, 0.7 / e, std::move(val), weights, sha256_hex(weights), 40.0, 1.5});
  }
  DataSummary data;
  data.manifest_sha256 = sha256_hex(bands);
  data.base = "/data/bigearthnet";
  data.file_count = 5000;
  data.byte_count = 123456789;
  data.band_names = {"B04", "B03", "B02"};
  data.class_names = {"Urban fabric", "Arable land"};
  data.task = "multi_label";
  data.samples = {3000, 1000, 1000};
  data.normalisation = {{0.1, 0.2, 0.3}, {0.01, 0.02, 0.03}};
  record.data = data;
  record.env = RunEnvironment{"0.1.0", "0123456789ab", "bench", {{"libtorch", "1.13.0"}, {"threads", 2}}};
  record.seed = seed;
  record.threads = 2;
  record.started_at = "2026-11-21T06:50:00Z";
  record.finished_at = "2026-11-21T06:52:00Z";
  record.timing = RunTiming{120.0 + unit(rng), 4.5, 75.0, 1 << 30};
  if (completed) record.test = metric_suite(quality, rng);
  record.best = best;
  record.final_weights_sha256 = sha256_hex(run_id + " final");
  record.bundle = "runs/" + run_id;
  return record;
}

}  // namespace eorun::bench
