// Writes one run record into the registry tables (internal to the registry library).
//
// The caller holds the write transaction; a throw leaves it to roll back. Statements are
// prepared once per writer, so one writer ingesting many records is fast.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "registry/registry.hpp"
#include "registry/run_record.hpp"
#include "registry/sqlite_stmt.hpp"

namespace eorun::registry {

class RecordWriter {
 public:
  explicit RecordWriter(sqlite::Db& db);
  RecordWriter(const RecordWriter&) = delete;
  RecordWriter& operator=(const RecordWriter&) = delete;

  // Records `record`, keeping `record_json` (the record as written, compact) beside the rows.
  IngestOutcome write(const RunRecord& record, const std::string& record_json);

 private:
  // The runs row; returns its id.
  std::int64_t insert_run(const RunRecord& record, std::int64_t attempt);
  void insert_params(std::int64_t run, const nlohmann::json& spec, bool completed);
  void insert_plugins(std::int64_t run, const RunRecord& record);
  void insert_epochs(std::int64_t run, const RunRecord& record);
  void insert_metrics(std::int64_t run, const char* split, const MetricValues& metrics);

  sqlite::Db& db_;
  sqlite::Stmt find_run_;
  sqlite::Stmt find_record_;
  sqlite::Stmt delete_run_;
  sqlite::Stmt insert_run_;
  sqlite::Stmt insert_record_;
  sqlite::Stmt insert_param_;
  sqlite::Stmt count_param_;
  sqlite::Stmt insert_plugin_;
  sqlite::Stmt insert_epoch_;
  sqlite::Stmt insert_epoch_metric_;
  sqlite::Stmt insert_metric_;
};

}  // namespace eorun::registry
