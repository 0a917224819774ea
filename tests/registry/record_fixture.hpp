// Run records for registry tests, shaped like the runs/<run_id>/record.json the executor writes.
#pragma once

#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "registry/run_record.hpp"

namespace eorun::test {

// A 64-hex run id starting with `prefix` (hex digits), padded with zeros.
inline std::string run_id(const std::string& prefix) {
  return prefix + std::string(64 - prefix.size(), '0');
}

// A complete record of a completed two-epoch run; epoch 2 is the best.
inline RunRecord full_run_record(const std::string& id) {
  using nlohmann::json;
  const std::string hash(64, 'a');
  RunRecord record;
  record.run_id = id;
  record.status = RunStatus::completed;
  record.spec = {{"dataset",
                  {{"plugin", "bigearthnet"},
                   {"root", "/abs/data/synth"},
                   {"bands", "rgb"},
                   {"classes", 19},
                   {"band_list", {"B04", "B03", "B02"}}}},
                 {"model", {{"plugin", "shortcnn"}, {"width", 32}, {"pretrained", false}}},
                 {"loss", {{"plugin", "bce"}}},
                 {"train",
                  {{"optimizer", "adam"},
                   {"lr", 0.001},
                   {"epochs", 2},
                   {"batch_size", 32},
                   {"seed", 1},
                   {"threads", 2}}}};
  record.identity = {{"spec", record.spec},
                     {"plugins", {{"dataset", hash}, {"model", hash}, {"loss", hash}}},
                     {"data_manifest_sha256", std::string(64, 'd')},
                     {"build_id", "build-1"},
                     {"device", "cpu"}};
  record.plugins = {
      {"dataset", "bigearthnet", "1.0.0", hash, "/build/plugins/libeorun_dataset_bigearthnet.so"},
      {"model", "shortcnn", "1.0.0", hash, "/build/plugins/libeorun_model_shortcnn.so"},
      {"loss", "bce", "1.0.0", hash, "/build/plugins/libeorun_loss_bce.so"}};
  DataSummary data;
  data.manifest_sha256 = std::string(64, 'd');
  data.base = "/abs/data/synth";
  data.file_count = 10;
  data.byte_count = 12345;
  data.band_names = {"B04", "B03", "B02"};
  data.class_names = {"Urban fabric", "Arable land"};
  data.task = "multi_label";
  data.samples = {360, 120, 120};
  data.normalisation = {{0.1, 0.2, 0.3}, {0.01, 0.02, 0.03}, "reference", "published constants of x"};
  data.notes = {"skipped 1 of 9 samples: a (unreadable)"};
  data.cache = {{"train", {{"key", std::string(64, 'c')}, {"file", "/cache/packed/c.pack"},
                           {"content_sha256", std::string(64, 'd')}, {"built", true}}}};
  data.inputs = {{"s2", {"B04", "B03", "B02"}, 10.0, {3, 120, 120}}};
  data.class_counts = ClassCountsRecord{360, {200, 95}};
  record.data = data;
  record.param_files = {{"model.weights", "/abs/weights.pt", "file", 1024, std::string(64, 'e')}};
  record.env = RunEnvironment{"0.1.0",
                              "0123456789ab",
                              "build-1",
                              {{"build_type", "RelWithDebInfo"},
                               {"libtorch", "1.13.0"},
                               {"gdal", "3.6.2"},
                               {"lua", "Lua 5.4.4"},
                               {"sqlite", "3.40.1"},
                               {"compiler", "GNU 12.2.0"},
                               {"cpu", "test cpu"},
                               {"hostname", "host"},
                               {"os", "Linux"},
                               {"threads", 2},
                               {"loader_threads", 2}}};
  record.seed = 1;
  record.threads = 2;
  record.started_at = "2026-11-21T06:50:00Z";
  record.finished_at = "2026-11-21T06:51:00Z";
  record.timing = RunTiming{12.3, 0.4, 250.0, 123456};
  record.epochs = {{1, 0.5, {{"f1_macro", 0.4}, {"map_macro", 0.5}, {"hamming_loss", 0.2}},
                    std::string(64, '1'), std::string(64, '2'), 5.0, 0.1, 0.001},
                   {2, 0.4, {{"f1_macro", 0.45}, {"map_macro", 0.55}, {"hamming_loss", 0.15}},
                    std::string(64, '3'), std::string(64, '4'), 5.5, 0.2, 0.0005}};
  record.test = {{"f1_macro", 0.5}, {"f1_micro", 0.6}, {"map_macro", 0.55}, {"hamming_loss", 0.1}};
  record.test_per_class = {{"f1", {0.5, 0.25}}, {"precision", {1.0, 0.5}}};
  record.test_confusion = {{3, 1}, {0, 2}};
  record.best = BestCheckpoint{2, "f1_macro", 0.45, "best.pt", std::string(64, 'c')};
  record.last = LastCheckpoint{2, "last.pt", std::string(64, 'e')};
  record.stopped_early = EarlyStop{2, "val f1_macro did not improve for 1 epochs (best: epoch 1)"};
  record.lineage = Lineage{std::string(64, '9'), std::string(64, '8'), true, 6};
  record.lineage->band_adaptation = BandAdaptationRecord{
      "by_name", "conv1.weight", {"B04", "B03", "B02"}, {"B02", "B03", "B04", "B08"}, {"B04", "B03", "B02"},
      {"B08"}, "", "B04,B03,B02 copied; 1 band filled by_name"};
  record.finetune = FinetuneRecord{
      "head", {{"stem", false, 100, std::string(64, '5'), std::string(64, '5')},
               {"head", true, 20, std::string(64, '6'), std::string(64, '7')}}};
  record.cost = RunCost{120, 20, 30.5, 1234.5, std::nullopt, 0.1};
  record.final_weights_sha256 = std::string(64, 'f');
  record.predictions = "runs/" + id + "/predictions.csv";
  record.bundle = "runs/" + id;
  return record;
}

// The same record as JSON (the current format).
inline nlohmann::json full_record(const std::string& id) { return full_run_record(id).to_json(); }

// The record with its best epoch's val metric and its test metric `name` set.
inline RunRecord with_metric(RunRecord record, const std::string& name, double val, double test) {
  record.epochs[1].val[name] = val;
  record.test[name] = test;
  return record;
}

// A failed run: no test metrics, no best checkpoint, no predictions.
inline RunRecord failed_run_record(const std::string& id, const std::string& reason) {
  RunRecord record = full_run_record(id);
  record.status = RunStatus::failed;
  record.reason = reason;
  record.test.clear();
  record.best.reset();
  record.predictions.reset();
  return record;
}

inline nlohmann::json failed_record(const std::string& id, const std::string& reason) {
  return failed_run_record(id, reason).to_json();
}

// Records of format 1, as eorun 0.1 wrote them (record.json of real runs, kept in
// tests/registry/data/): "format1_completed" (two epochs, run 80b14a0f...) and "format1_failed"
// (loss became NaN in epoch 1: no epochs, best and predictions null, test empty).
inline nlohmann::json format1_record(const std::string& name) {
  std::ifstream in(std::string(EORUN_SOURCE_DIR) + "/tests/registry/data/" + name + ".json");
  return nlohmann::json::parse(in);
}

// A format 1 record of a run whose worker died before writing its bundle: the sweep coordinator
// wrote only these members.
inline nlohmann::json format1_lost_worker_record(const std::string& id) {
  return {{"format", 1},
          {"run_id", id},
          {"status", "failed"},
          {"reason", "the worker process ended (killed by signal 9) before writing the bundle"},
          {"spec", {{"train", {{"lr", 0.1}, {"seed", 3}, {"threads", 2}}}}},
          {"identity", {{"build_id", "build-1"}, {"device", "cpu"}}},
          {"seed", 3},
          {"threads", 2}};
}

}  // namespace eorun::test
