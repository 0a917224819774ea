// What a query can name: spec keys, metrics and the fields every run records.
//
//   dataset.bands, train.lr      spec keys (dotted), from run_params
//   val.f1_macro, test.f1_macro  final metrics; a bare metric name (f1_macro) means val
//   status, seed, threads, attempt, run_id, started_at, finished_at
//                                recorded fields (columns of runs)
//   wall_seconds, samples_per_second, peak_rss_bytes, cpu_seconds, energy_j, gpu_energy_j,
//   co2_g, parameters_total, parameters_trainable
//                                measured figures: recorded fields (record.timing and
//                                record.cost) that --best can also rank runs by; NULL where a
//                                run could not measure one
//   sweep                        the runs of a sweep's plan (by sweep name or id prefix)
//
// A recorded field wins over a metric of the same name, and a metric over a spec key.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "registry/query/sql_builder.hpp"
#include "registry/registry.hpp"

namespace eorun::query {

// What values a field holds: what a literal may be compared with.
enum class ValueType {
  number,  // compare with numbers
  text,    // compare with strings (and true/false, stored as text)
  mixed,   // spec keys holding numbers in some runs and text in others: either
};

enum class FieldKind { spec_key, metric, recorded, sweep };

// A column of `runs`, named by users.
struct RecordedField {
  const char* name;
  SqlFragment column;  // "r.status": the SQL of the column, runs aliased as r
  ValueType type;
  bool figure = false;  // a measured figure (timing, cost): runs can be ranked by it
  // A figure's runs in ranking order: runs read through the index that orders them (step 3 of
  // registry/migrations.cpp), so that the best few are found without sorting every run.
  SqlFragment ranked_runs = "runs r";
};

// The recorded fields users can name, in the order help and messages list them.
const std::vector<RecordedField>& recorded_fields();

// The measured figure called `name` (wall_seconds, energy_j, ...); nullptr for any other name.
const RecordedField* measured_figure(std::string_view name);

// The names of the measured figures: "wall_seconds, samples_per_second, ...".
std::string measured_figure_names();

struct Field {
  FieldKind kind = FieldKind::spec_key;
  std::string name;                         // canonical: dataset.bands, val.f1_macro, seed, sweep
  std::string key;                          // spec key or metric name
  MetricSplit split = MetricSplit::val;     // metric
  const RecordedField* recorded = nullptr;  // recorded
  ValueType type = ValueType::mixed;
};

// The fields of one registry, read once.
class FieldCatalog {
 public:
  FieldCatalog(std::map<std::string, ValueType> spec_keys, std::set<std::string> val_metrics,
               std::set<std::string> test_metrics)
      : spec_keys_(std::move(spec_keys)),
        val_metrics_(std::move(val_metrics)),
        test_metrics_(std::move(test_metrics)) {}

  // Every spec key and metric name `registry` has recorded (any run, any status).
  static FieldCatalog load(const Registry& registry);

  // The field `name` stands for, or nullopt when the registry knows no such field.
  std::optional<Field> find(std::string_view name) const;

  // Every spec key, sorted.
  std::vector<std::string> spec_keys() const;

  // The known names as a remedy: "known fields: status, seed, ...; spec keys: ...; metrics:
  // ...", after "did you mean 'train.optimizer'? " when a known name is close to `unknown`.
  std::string known_names(std::string_view unknown = {}) const;

 private:
  std::map<std::string, ValueType> spec_keys_;
  std::set<std::string> val_metrics_;
  std::set<std::string> test_metrics_;
};

}  // namespace eorun::query
