// Run records for registry tests, shaped like the runs/<run_id>/record.json the executor writes.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace eorun::test {

// A 64-hex run id starting with `prefix` (hex digits), padded with zeros.
inline std::string run_id(const std::string& prefix) {
  return prefix + std::string(64 - prefix.size(), '0');
}

// A complete record of a completed two-epoch run; epoch 2 is the best.
inline nlohmann::json full_record(const std::string& id) {
  using nlohmann::json;
  const std::string hash(64, 'a');
  json record = {
      {"format", 1},
      {"run_id", id},
      {"status", "completed"},
      {"reason", ""},
      {"spec",
       {{"dataset",
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
          {"threads", 2}}}}},
      {"plugins",
       {{{"role", "dataset"},
         {"name", "bigearthnet"},
         {"version", "1.0.0"},
         {"sha256", hash},
         {"path", "/build/plugins/libeorun_dataset_bigearthnet.so"}},
        {{"role", "model"},
         {"name", "shortcnn"},
         {"version", "1.0.0"},
         {"sha256", hash},
         {"path", "/build/plugins/libeorun_model_shortcnn.so"}},
        {{"role", "loss"},
         {"name", "bce"},
         {"version", "1.0.0"},
         {"sha256", hash},
         {"path", "/build/plugins/libeorun_loss_bce.so"}}}},
      {"data",
       {{"manifest_sha256", std::string(64, 'd')},
        {"file_count", 10},
        {"byte_count", 12345},
        {"band_names", {"B04", "B03", "B02"}},
        {"class_names", {"Urban fabric", "Arable land"}},
        {"task", "multi_label"},
        {"samples", {{"train", 360}, {"val", 120}, {"test", 120}}},
        {"normalisation", {{"mean", {0.1, 0.2, 0.3}}, {"std", {0.01, 0.02, 0.03}}}}}},
      {"env",
       {{"eorun_version", "0.1.0"},
        {"git_commit", "0123456789ab"},
        {"build_id", "build-1"},
        {"libtorch", "1.13.0"},
        {"gdal", "3.6.2"},
        {"lua", "Lua 5.4.4"},
        {"sqlite", "3.40.1"},
        {"compiler", "GNU 12.2.0"},
        {"cpu", "test cpu"},
        {"hostname", "host"},
        {"os", "Linux"},
        {"threads", 2},
        {"loader_threads", 2}}},
      {"seed", 1},
      {"threads", 2},
      {"started_at", "2026-11-21T06:50:00Z"},
      {"finished_at", "2026-11-21T06:51:00Z"},
      {"timing",
       {{"wall_seconds", 12.3},
        {"data_wait_seconds", 0.4},
        {"samples_per_second", 250.0},
        {"peak_rss_bytes", 123456}}},
      {"epochs",
       {{{"epoch", 1},
         {"train_loss", 0.5},
         {"val", {{"f1_macro", 0.4}, {"map_macro", 0.5}, {"hamming_loss", 0.2}}},
         {"weights_sha256", std::string(64, '1')},
         {"chain_sha256", std::string(64, '2')},
         {"seconds", 5.0},
         {"data_wait_seconds", 0.1}},
        {{"epoch", 2},
         {"train_loss", 0.4},
         {"val", {{"f1_macro", 0.45}, {"map_macro", 0.55}, {"hamming_loss", 0.15}}},
         {"weights_sha256", std::string(64, '3')},
         {"chain_sha256", std::string(64, '4')},
         {"seconds", 5.5},
         {"data_wait_seconds", 0.2}}}},
      {"test", {{"f1_macro", 0.5}, {"f1_micro", 0.6}, {"map_macro", 0.55}, {"hamming_loss", 0.1}}},
      {"best",
       {{"epoch", 2},
        {"metric", "f1_macro"},
        {"value", 0.45},
        {"checkpoint", "best.pt"},
        {"checkpoint_sha256", std::string(64, 'c')}}},
      {"final_weights_sha256", std::string(64, 'f')},
      {"bundle", "runs/" + id}};
  return record;
}

// The same record with its best epoch's val metric and its test metric `name` set.
inline nlohmann::json with_metric(nlohmann::json record, const std::string& name, double val,
                                  double test) {
  record["epochs"][1]["val"][name] = val;
  record["test"][name] = test;
  return record;
}

// A failed run: no test metrics, no best checkpoint.
inline nlohmann::json failed_record(const std::string& id, const std::string& reason) {
  nlohmann::json record = full_record(id);
  record["status"] = "failed";
  record["reason"] = reason;
  record["test"] = nlohmann::json::object();
  record["best"] = nullptr;
  return record;
}

}  // namespace eorun::test
