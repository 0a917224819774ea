// The value of a field for one run, for the columns of `eorun query`.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "registry/query/fields.hpp"
#include "registry/registry.hpp"
#include "registry/sqlite_stmt.hpp"

namespace eorun::query {

// A spec leaf from its run_params text: numbers, true/false/null, lists and objects as JSON,
// anything else as a string.
nlohmann::json leaf_from_text(const std::string& text);

// A number as JSON: whole numbers (seed, threads, attempt) as integers.
nlohmann::json number_value(double value);

// Reads cells run by run; statements are prepared once per field.
class CellReader {
 public:
  explicit CellReader(const Registry& registry) : registry_(registry) {}

  // The value of `field` for run `run` (runs.id); null when the run has none. For `sweep`, the
  // names of the sweeps whose plan has the run, comma-separated.
  nlohmann::json read(std::int64_t run, const Field& field);

  // Every final metric of run `run` on `split`: {"f1_macro": 0.5, ...}, null for NaN.
  nlohmann::json metrics(std::int64_t run, MetricSplit split);

 private:
  sqlite::Stmt& statement(const Field& field);

  const Registry& registry_;
  std::map<std::string, std::unique_ptr<sqlite::Stmt>> statements_;  // by field name
  std::unique_ptr<sqlite::Stmt> metrics_;
};

}  // namespace eorun::query
