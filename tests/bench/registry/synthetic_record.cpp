#include "synthetic_record.hpp"

#include <array>
#include <string>

#include "util/sha256.hpp"

namespace eorun::bench {

namespace {

using nlohmann::json;

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

json metric_suite(double quality, std::mt19937_64& rng) {
  std::normal_distribution<double> noise(0.0, 0.02);
  json metrics = json::object();
  for (const char* name : kScores) metrics[name] = quality + noise(rng);
  for (const char* name : kLosses) metrics[name] = 1.0 - quality + noise(rng);
  return metrics;
}

}  // namespace

std::string synthetic_run_id(std::uint64_t index) {
  return sha256_hex("synthetic run " + std::to_string(index));
}

json synthetic_record(std::uint64_t index, std::mt19937_64& rng) {
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
  const std::string status = roll < 0.92 ? "completed" : roll < 0.97 ? "failed" : "interrupted";
  const double quality = 0.3 + 0.4 * unit(rng);

  json spec = {{"dataset",
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
  json plugins = json::array();
  for (const auto& [role, name] : {std::pair<const char*, const char*>{"dataset", "bigearthnet"},
                                   {"model", model},
                                   {"loss", "bce"}})
    plugins.push_back({{"role", role},
                       {"name", name},
                       {"version", "1.0.0"},
                       {"sha256", sha256_hex(name)},
                       {"path", std::string("/opt/eorun/plugins/libeorun_") + name + ".so"}});

  const int epochs_run = status == "completed" ? kEpochs : 1 + static_cast<int>(index % kEpochs);
  json epochs = json::array();
  int best_epoch = 0;
  double best_value = -1.0;
  for (int e = 1; e <= epochs_run; ++e) {
    json val = metric_suite(quality * (0.8 + 0.1 * e), rng);
    if (val["f1_macro"].get<double>() > best_value) {
      best_value = val["f1_macro"].get<double>();
      best_epoch = e;
    }
    const std::string weights = sha256_hex(run_id + " weights " + std::to_string(e));
    epochs.push_back({{"epoch", e},
                      {"train_loss", 0.7 / e},
                      {"val", val},
                      {"weights_sha256", weights},
                      {"chain_sha256", sha256_hex(weights)},
                      {"seconds", 40.0},
                      {"data_wait_seconds", 1.5}});
  }
  const bool completed = status == "completed";
  json record = {{"format", 1},
                 {"run_id", run_id},
                 {"status", status},
                 {"reason", completed            ? ""
                            : status == "failed" ? "loss became NaN"
                                                 : "interrupted"},
                 {"spec", spec},
                 {"plugins", plugins},
                 {"data",
                  {{"manifest_sha256", sha256_hex(bands)},
                   {"file_count", 5000},
                   {"byte_count", 123456789},
                   {"task", "multi_label"},
                   {"samples", {{"train", 3000}, {"val", 1000}, {"test", 1000}}}}},
                 {"env",
                  {{"eorun_version", "0.1.0"},
                   {"git_commit", "0123456789ab"},
                   {"build_id", "bench"},
                   {"libtorch", "1.13.0"},
                   {"threads", 2}}},
                 {"seed", seed},
                 {"threads", 2},
                 {"started_at", "2026-11-21T06:50:00Z"},
                 {"finished_at", "2026-11-21T06:52:00Z"},
                 {"timing", {{"wall_seconds", 120.0 + unit(rng)}, {"data_wait_seconds", 4.5}}},
                 {"epochs", epochs},
                 {"test", completed ? metric_suite(quality, rng) : json::object()},
                 {"best",
                  {{"epoch", best_epoch},
                   {"metric", "f1_macro"},
                   {"value", best_value},
                   {"checkpoint", "best.pt"},
                   {"checkpoint_sha256", sha256_hex(run_id + " best")}}},
                 {"final_weights_sha256", sha256_hex(run_id + " final")},
                 {"bundle", "runs/" + run_id}};
  return record;
}

}  // namespace eorun::bench
