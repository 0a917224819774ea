// The run record: everything recorded about one run, as written to runs/<run_id>/record.json and
// kept by the registry. One type for every writer (the run executor, the sweep coordinator) and
// every reader (ingest, show, query, reproduce, verify).
//
//   RunRecord record = RunRecord::from_json(document);  // throws eorun::Error naming the field
//   nlohmann::json written = record.to_json();            // format kRunRecordFormat
//
// Format history (the "format" member of every record):
//   1  The first layout. A run whose worker died before writing a bundle has only run_id,
//      status, reason, spec, identity, seed and threads; every other member is absent.
//   2  The same members and meanings, written through this type: every member is present,
//      null (or an empty list or object) when the run did not get that far.
// from_json reads both; a record of a later format is refused ("written by a newer eorun").
// Bump kRunRecordFormat when a member changes type or meaning, or when a reader must understand
// a new member; a new member that older records lack is read as optional instead.
//
// What from_json keeps: the spec and the identity document as they are (free-form), and the
// members of env this type does not name, in RunEnvironment::other. Other members it does not
// know are ignored (to_json does not write them back); the registry keeps each record's JSON as
// written, so nothing is lost there.
//
// Adding a member: the struct member (with a one-line doc), one line in to_json, one line in
// from_json (optional_* for a member that records written before it lack), and a case in
// tests/registry/run_record_test.cpp.
//
// No LibTorch and no SQLite: the light `eorun` binary links this.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "registry/run_status.hpp"

namespace eorun {

// The format records are written in now.
inline constexpr int kRunRecordFormat = 2;
// The oldest format from_json still reads.
inline constexpr int kOldestRunRecordFormat = 1;

// Metric values by name. NaN (a metric that was not a number) is written as JSON null and read
// back as NaN.
using MetricValues = std::map<std::string, double>;

// `metrics` as a JSON object, NaN as null.
nlohmann::json metrics_to_json(const MetricValues& metrics);

// One plugin library a run loaded.
struct PluginRecord {
  std::string role;  // "dataset", "model" or "loss"
  std::string name;
  std::string version;
  std::string sha256;  // of the .so file
  std::string path;
};

struct SampleCounts {
  std::int64_t train = 0;
  std::int64_t val = 0;
  std::int64_t test = 0;
};

// Per-channel standardisation applied by the loader: (x - mean) / std.
struct NormalisationStats {
  std::vector<double> mean;
  std::vector<double> std;
  std::string method;  // "train_stats", "reference" or "none" ("" in records written before)
  std::string source;  // where the values come from, one line ("" in records written before)
};

// One input group of the data (SDK: eorun::InputGroup).
struct InputGroupRecord {
  std::string name;
  std::vector<std::string> bands;  // in channel order
  double resolution_m = 0;         // ground size of a pixel in metres (0: unknown)
  std::vector<std::int64_t> shape;  // [C, H, W] of one sample
};

// How often each class occurs in the train split (what the loss was told).
struct ClassCountsRecord {
  std::int64_t samples = 0;
  std::vector<std::int64_t> per_class;  // multi-label: positives; single-label: samples
};

// The data a run read.
struct DataSummary {
  std::string manifest_sha256;  // hash of the data manifest (part of the run's identity)
  std::string base;             // the folder the manifest's paths are relative to
  std::int64_t file_count = 0;
  std::int64_t byte_count = 0;
  std::vector<std::string> band_names;  // in channel order
  std::vector<std::string> class_names;
  std::string task;  // "multi_label" or "single_label"
  SampleCounts samples;
  NormalisationStats normalisation;
  std::vector<InputGroupRecord> inputs;            // empty in records written before SDK 2
  std::optional<ClassCountsRecord> class_counts;   // null when the run ended before counting
  std::vector<std::string> notes;  // what the dataset reported (DatasetInfo::notes); may be empty
  // The packed caches the run read its splits from (dataset.cache): per split its key, file,
  // content hash and whether this run built it; null when it read through the plugin.
  nlohmann::json cache;
};

// A file (or folder) a path parameter of the spec names, hashed into the run's identity.
struct ParamFileRecord {
  std::string key;   // dotted spec key, e.g. "model.weights"
  std::string path;  // absolute
  std::string kind;  // "file", "folder" or "missing"
  std::optional<std::int64_t> size;   // files only
  std::optional<std::string> sha256;  // files only
};

// Where a run ran. The registry keeps the build facts in columns of their own.
struct RunEnvironment {
  std::string eorun_version;
  std::string git_commit;
  std::string build_id;  // sha256 of the eorun-engine binary (part of the run's identity)
  // The other members (library versions, compiler, cpu, host, os, threads, loader_threads), as
  // written: free-form, shown as they are.
  nlohmann::json other = nlohmann::json::object();
};

struct RunTiming {
  double wall_seconds = 0;
  double data_wait_seconds = 0;
  double samples_per_second = 0;  // training samples per second over all epochs
  std::int64_t peak_rss_bytes = 0;
};

struct EpochRecord {
  std::int64_t epoch = 0;  // 1-based
  double train_loss = 0;   // mean over the epoch's batches; NaN is written as null
  MetricValues val;
  std::string weights_sha256;  // of this epoch's final weights
  std::string chain_sha256;    // sha256(previous chain hex + weights_sha256)
  double seconds = 0;
  double data_wait_seconds = 0;
  std::optional<double> lr;  // the learning rate it trained with (absent in older records)
};

// Why training ended before train.epochs (early stopping).
struct EarlyStop {
  std::int64_t epoch = 0;  // the last epoch trained
  std::string reason;
};

// The checkpoint of the epoch that scored best on the validation selection metric.
struct BestCheckpoint {
  std::int64_t epoch = 0;
  std::string metric;  // the selection metric
  double value = 0;    // its validation value at that epoch
  std::string checkpoint;  // path of best.pt (relative ones are relative to the bundle)
  std::string checkpoint_sha256;
};

// The weights after the last epoch the run trained (last.pt), beside the best ones.
struct LastCheckpoint {
  std::int64_t epoch = 0;
  std::string checkpoint;  // path of last.pt
  std::string checkpoint_sha256;
};

// A weights file a run started from (model.pretrained = "file:PATH").
struct WeightsFileSource {
  std::string path;
  std::string format;        // "pytorch" (torch.save) or "safetensors"
  std::string found_under;   // the checkpoint key holding the state dict ("" at the top)
  std::string key_prefix;    // dropped from the file's names ("module.", ...; "" for none)
  std::vector<std::string> missing;     // model tensors the file lacks (kept as initialised)
  std::vector<std::string> unexpected;  // file tensors the model lacks (ignored)
};

// How the pretrained first layer was fitted to the run's bands (model.band_adapt).
struct BandAdaptationRecord {
  std::string method;                         // "by_name", "tile", "random" or "conv1x1"
  std::string layer;                          // the first layer, e.g. "conv1.weight"
  std::vector<std::string> pretrained_bands;  // what the weights were trained on
  std::vector<std::string> bands;             // what the run reads
  std::vector<std::string> copied;            // run bands whose filters were copied by name
  std::vector<std::string> filled;            // run bands given other filters
  std::string note;                           // how pretrained_bands were known, when assumed
  std::string summary;                        // "B04,B03,B02 copied; 9 bands filled by_name"
};

// What this run started from (model.pretrained): an earlier run, or a weights file.
struct Lineage {
  std::string parent_run_id;       // empty for a weights file
  std::string checkpoint_sha256;   // of the parent's best.pt or the file, verified before loading
  bool head_reinitialised = false;  // the head kept its seeded init (other classes, or none in the file)
  std::int64_t tensors_loaded = 0;
  std::optional<WeightsFileSource> file;
  std::optional<BandAdaptationRecord> band_adaptation;  // null in records made before it
};

// One module group as the run trained it (or kept it frozen).
struct GroupRecord {
  std::string name;
  bool trained = true;
  std::int64_t parameters = 0;
  std::string start_sha256;  // parameters and buffers when training started
  std::optional<std::string> end_sha256;  // ... in the weights the run kept; null if it ended early
};

// The fine-tuning level and what it did to each group.
struct FinetuneRecord {
  std::string level;  // "scratch", "head", "all", "last:K"
  std::vector<GroupRecord> groups;  // input to output; the last is the head

  // Every frozen group ended with the hash it started with (false when none is frozen or a
  // frozen group has no end hash).
  bool frozen_verified() const;
  bool has_frozen() const;
};

// What a run cost. A figure that could not be measured is null, never estimated.
struct RunCost {
  std::int64_t parameters_total = 0;
  std::int64_t parameters_trainable = 0;
  std::optional<double> cpu_seconds;      // user + system CPU time of the training
  std::optional<double> energy_j;         // CPU packages (RAPL powercap) over the run
  std::optional<double> gpu_energy_j;     // NVML, when the run trained on a GPU
  std::optional<double> co2_g;            // (energy_j + gpu_energy_j) x [energy] grid_intensity
};

struct RunRecord {
  std::string run_id;  // 64 lower-case hex digits
  RunStatus status = RunStatus::failed;
  std::string reason;  // why it failed or was interrupted; empty when completed
  nlohmann::json spec = nlohmann::json::object();  // the resolved spec, as run
  nlohmann::json identity;  // the object hashed into run_id (null when not recorded)
  std::vector<PluginRecord> plugins;
  std::vector<ParamFileRecord> param_files;  // sorted by key; empty in records before SDK 2
  // The parts below are missing (nullopt, empty) for a run that ended before it got that far.
  std::optional<DataSummary> data;
  std::optional<RunEnvironment> env;
  std::optional<std::int64_t> seed;
  std::optional<std::int64_t> threads;
  std::optional<std::string> started_at;   // UTC, ISO 8601
  std::optional<std::string> finished_at;  // UTC, ISO 8601
  std::optional<RunTiming> timing;
  std::vector<EpochRecord> epochs;  // the epochs that finished, in order
  MetricValues test;                // of the best checkpoint; empty unless completed
  // Per-class test values by name ("precision", "recall", "f1", multi-label "ap"), one per class
  // in data.class_names order (NaN as null); empty unless completed, and in older records.
  std::map<std::string, std::vector<double>> test_per_class;
  // Single-label: test counts [true class][predicted class]; empty otherwise.
  std::vector<std::vector<std::int64_t>> test_confusion;
  std::optional<BestCheckpoint> best;
  std::optional<EarlyStop> stopped_early;  // null unless early stopping ended training
  std::optional<LastCheckpoint> last;      // null in older records and runs that did not finish training
  std::optional<Lineage> lineage;          // null unless the run started from a parent run
  std::optional<FinetuneRecord> finetune;  // null in records written before fine-tuning levels
  std::optional<RunCost> cost;             // null in older records and runs that never trained
  std::optional<std::string> final_weights_sha256;
  std::optional<std::string> predictions;  // path of predictions.csv (the test split)
  std::optional<std::string> bundle;       // the run's bundle folder

  // The epoch `best` names; nullptr when there is no best checkpoint.
  const EpochRecord* best_epoch() const;

  // The record in format kRunRecordFormat.
  nlohmann::json to_json() const;
  // Reads a record of any format from kOldestRunRecordFormat to kRunRecordFormat. Throws
  // eorun::Error for anything else: the subject names the run, the problem names the field
  // ("field 'best.epoch' should be an integer, got string").
  static RunRecord from_json(const nlohmann::json& document);
};

}  // namespace eorun
