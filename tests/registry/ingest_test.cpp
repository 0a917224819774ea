#include <gtest/gtest.h>

#include "eorun/error.hpp"
#include "record_fixture.hpp"
#include "registry/registry.hpp"
#include "registry_test_support.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using nlohmann::json;
using test::full_record;
using test::run_id;
using test::scalar;
using test::text;

class IngestTest : public ::testing::Test {
 protected:
  std::filesystem::path path() const { return dir_.path() / "eorun.db"; }
  long long rows(const std::string& table) const {
    return scalar(path(), "SELECT count(*) FROM " + table);
  }
  // Row counts of every table, to show that nothing was written.
  std::vector<long long> all_rows() const {
    std::vector<long long> counts;
    for (const char* table : {"runs", "run_records", "run_params", "param_values", "run_plugins",
                              "run_metrics", "epochs", "epoch_metrics"})
      counts.push_back(rows(table));
    return counts;
  }

  test::TempDir dir_;
  Registry registry_ = Registry::open(dir_.path() / "eorun.db");
};

TEST_F(IngestTest, AFullRecordRoundTrips) {
  const json record = full_record(run_id("abc123"));
  EXPECT_EQ(registry_.ingest(record), IngestOutcome::inserted);
  EXPECT_EQ(registry_.load_record(run_id("abc123")), record);
  EXPECT_EQ(registry_.run_status(run_id("abc123")), RunStatus::completed);
  EXPECT_EQ(registry_.run_status(run_id("def456")), std::nullopt);
  EXPECT_EQ(registry_.load_record(run_id("def456")), std::nullopt);
  const RunSummary summary = *registry_.run_summary(run_id("abc123"));
  EXPECT_EQ(summary.attempt, 1);
  EXPECT_EQ(summary.reason, "");
  EXPECT_EQ(summary.ingested_at.size(), std::string("2026-11-21T06:50:00Z").size());
}

TEST_F(IngestTest, TheNarrowColumnsHoldTheRecordsFacts) {
  const std::string id = run_id("abc123");
  registry_.ingest(full_record(id));
  EXPECT_EQ(text(path(), "SELECT data_manifest_sha256 FROM runs"), std::string(64, 'd'));
  EXPECT_EQ(text(path(), "SELECT build_id || ' ' || eorun_version || ' ' || git_commit FROM runs"),
            "build-1 0.1.0 0123456789ab");
  EXPECT_EQ(text(path(), "SELECT checkpoint_path || ' ' || checkpoint_sha256 FROM runs"),
            "best.pt " + std::string(64, 'c'));
  EXPECT_EQ(scalar(path(), "SELECT best_epoch * 100 + seed * 10 + threads FROM runs"), 212);
  EXPECT_EQ(text(path(), "SELECT final_weights_sha256 FROM runs"), std::string(64, 'f'));
  EXPECT_EQ(text(path(), "SELECT wall_seconds FROM runs"), "12.3");
  // The rest of record.timing and record.cost: RunTiming{12.3, 0.4, 250.0, 123456} and
  // RunCost{120, 20, 30.5, 1234.5, null, 0.1}.
  EXPECT_EQ(text(path(), "SELECT samples_per_second || ' ' || peak_rss_bytes FROM runs"),
            "250.0 123456");
  EXPECT_EQ(text(path(), "SELECT cpu_seconds || ' ' || energy_j || ' ' || co2_g FROM runs"),
            "30.5 1234.5 0.1");
  EXPECT_EQ(scalar(path(), "SELECT gpu_energy_j IS NULL FROM runs"), 1);  // not measured
  EXPECT_EQ(text(path(), "SELECT parameters_total || ' ' || parameters_trainable FROM runs"),
            "120 20");
}

TEST_F(IngestTest, ARunWithoutACostHasNullCostColumns) {
  RunRecord record = test::full_run_record(run_id("abc123"));
  record.cost.reset();  // an older record, or a run that never trained
  registry_.ingest(record);
  EXPECT_EQ(scalar(path(),
                   "SELECT count(*) FROM runs WHERE cpu_seconds IS NULL AND energy_j IS NULL AND "
                   "gpu_energy_j IS NULL AND co2_g IS NULL AND parameters_total IS NULL AND "
                   "parameters_trainable IS NULL"),
            1);
  EXPECT_EQ(text(path(), "SELECT wall_seconds FROM runs"), "12.3");  // timing is still there
  registry_.ingest(test::format1_lost_worker_record(run_id("dead00")));
  EXPECT_EQ(scalar(path(),
                   "SELECT count(*) FROM runs WHERE wall_seconds IS NULL AND "
                   "samples_per_second IS NULL AND peak_rss_bytes IS NULL"),
            1);
}

TEST_F(IngestTest, ParamsAreOneTypedRowPerLeaf) {
  registry_.ingest(full_record(run_id("abc123")));
  // 5 dataset + 3 model + 1 loss + 6 train leaves.
  EXPECT_EQ(rows("run_params"), 15);
  EXPECT_EQ(text(path(),
                 "SELECT typeof(value_num) || ' ' || value_num || ' ' || value_text "
                 "FROM run_params WHERE key = 'train.lr'"),
            "real 0.001 0.001");
  EXPECT_EQ(text(path(), "SELECT value_text FROM run_params WHERE key = 'train.optimizer'"),
            "adam");
  EXPECT_EQ(scalar(path(),
                   "SELECT value_num IS NULL FROM run_params "
                   "WHERE key = 'train.optimizer'"),
            1);
  EXPECT_EQ(scalar(path(), "SELECT value_num FROM run_params WHERE key = 'train.epochs'"), 2);
  EXPECT_EQ(text(path(), "SELECT value_text FROM run_params WHERE key = 'model.pretrained'"),
            "false");
  EXPECT_EQ(text(path(), "SELECT value_text FROM run_params WHERE key = 'dataset.band_list'"),
            R"(["B04","B03","B02"])");
  // The numeric index answers range questions.
  EXPECT_EQ(scalar(path(),
                   "SELECT count(*) FROM run_params WHERE key = 'train.lr' "
                   "AND value_num < 0.01"),
            1);
}

TEST_F(IngestTest, PluginsMetricsAndEpochsAreRecorded) {
  registry_.ingest(full_record(run_id("abc123")));
  EXPECT_EQ(rows("run_plugins"), 3);
  EXPECT_EQ(text(path(), "SELECT name || ' ' || version FROM run_plugins WHERE role = 'model'"),
            "shortcnn 1.0.0");
  EXPECT_EQ(rows("epochs"), 2);
  EXPECT_EQ(text(path(), "SELECT weights_sha256 FROM epochs WHERE epoch = 2"),
            std::string(64, '3'));
  // 'val' holds the best epoch's (2) validation metrics; 'test' the test metrics.
  EXPECT_EQ(text(path(),
                 "SELECT value FROM run_metrics WHERE split = 'val' "
                 "AND name = 'f1_macro'"),
            "0.45");
  EXPECT_EQ(scalar(path(), "SELECT count(*) FROM run_metrics WHERE split = 'test'"), 4);
  EXPECT_EQ(text(path(),
                 "SELECT group_concat(value) FROM (SELECT value FROM epoch_metrics "
                 "WHERE split = 'train' AND name = 'train_loss' ORDER BY epoch)"),
            "0.5,0.4");
  EXPECT_EQ(scalar(path(), "SELECT count(*) FROM epoch_metrics WHERE split = 'val'"), 6);
}

TEST_F(IngestTest, NanMetricsAreStoredAsNull) {
  json record = full_record(run_id("abc123"));
  record["test"]["f1_macro"] = nullptr;  // how JSON writes NaN
  record["epochs"][0]["train_loss"] = nullptr;
  registry_.ingest(record);
  EXPECT_EQ(scalar(path(),
                   "SELECT value IS NULL FROM run_metrics WHERE split = 'test' "
                   "AND name = 'f1_macro'"),
            1);
  EXPECT_EQ(scalar(path(),
                   "SELECT value IS NULL FROM epoch_metrics WHERE epoch = 1 "
                   "AND name = 'train_loss'"),
            1);
}

TEST_F(IngestTest, MembersThisEorunDoesNotKnowAreKeptOnlyInTheStoredRecord) {
  json record = full_record(run_id("abc123"));
  record["epochs"][0]["lr"] = 0.01;
  record["epochs"][0]["note"] = "warm-up";
  record["provenance"] = {{"parent", run_id("fff")}};
  registry_.ingest(record);
  EXPECT_EQ(text(path(),
                 "SELECT group_concat(name) FROM (SELECT name FROM epoch_metrics "
                 "WHERE epoch = 1 AND split = 'train' ORDER BY name)"),
            "train_loss");
  EXPECT_EQ(registry_.load_record(run_id("abc123")), record);
}

TEST_F(IngestTest, AMalformedRecordIsAnErrorAndChangesNothing) {
  registry_.ingest(full_record(run_id("aaaaaa")));
  const auto before = all_rows();
  const std::string id = run_id("bbbbbb");
  auto without = [&](const char* key) {
    json record = full_record(id);
    record.erase(key);
    return record;
  };
  auto with = [&](const char* key, json value) {
    json record = full_record(id);
    record[key] = std::move(value);
    return record;
  };
  struct Case {
    json record;
    std::string problem;
  };
  const std::vector<Case> cases = {
      {json::array(), "should be a JSON object, got array"},
      {without("run_id"), "field 'run_id' is missing"},
      {without("status"), "field 'status' is missing"},
      {without("spec"), "field 'spec' is missing"},
      {with("run_id", "abc"), "field 'run_id' should be 64 lower-case hex digits, got \"abc\""},
      {with("status", "done"), "field 'status' should be completed, failed or interrupted"},
      {with("spec", "x"), "field 'spec' should be an object, got string"},
      {with("best", {{"epoch", "2"}}), "field 'best.epoch' should be an integer, got string"},
      {with("format", 3), "has format 3: written by a newer eorun"},
  };
  for (const Case& c : cases) {
    try {
      registry_.ingest(c.record);
      ADD_FAILURE() << "accepted: " << c.problem;
    } catch (const Error& e) {
      EXPECT_NE(e.problem().find(c.problem), std::string::npos) << e.what();
      EXPECT_FALSE(e.remedy().empty());
    }
  }
  EXPECT_EQ(all_rows(), before);
}

TEST_F(IngestTest, AThrowMidIngestRollsBackEverything) {
  registry_.ingest(full_record(run_id("aaaaaa")));
  const auto before = all_rows();
  const std::string id = run_id("bbbbbb");

  // These two are well-formed records that SQLite refuses (a primary key), so the runs row,
  // params and plugins are written before the problem is found.
  json duplicate_epoch = full_record(id);
  duplicate_epoch["epochs"][1]["epoch"] = 1;
  duplicate_epoch["best"]["epoch"] = 1;
  json duplicate_plugin = full_record(id);
  duplicate_plugin["plugins"][2] = duplicate_plugin["plugins"][1];
  // These are found while reading the record, before anything is written.
  json bad_epoch = full_record(id);
  bad_epoch["epochs"][1] = "not an epoch";
  json missing_best = full_record(id);
  missing_best["best"]["epoch"] = 9;
  json bad_metric = full_record(id);
  bad_metric["test"]["f1_micro"] = "high";
  json bad_plugin = full_record(id);
  bad_plugin["plugins"][2].erase("sha256");

  for (const json& record :
       {duplicate_epoch, duplicate_plugin, bad_epoch, missing_best, bad_metric, bad_plugin}) {
    EXPECT_THROW(registry_.ingest(record), Error);
    EXPECT_EQ(all_rows(), before);
    EXPECT_EQ(registry_.run_status(id), std::nullopt);
  }
  EXPECT_EQ(text(path(), "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(scalar(path(), "SELECT count(*) FROM pragma_foreign_key_check"), 0);
  try {
    registry_.ingest(missing_best);
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), "run record " + id);
    EXPECT_EQ(e.problem(), "field 'best.epoch' is 9, which is not among the recorded epochs");
  }
  // The registry is still writable after the rollbacks.
  EXPECT_EQ(registry_.ingest(full_record(id)), IngestOutcome::inserted);
}

TEST_F(IngestTest, ABatchIsAllOrNothing) {
  json bad = full_record(run_id("cccccc"));
  bad["epochs"][0]["epoch"] = "one";
  EXPECT_THROW(
      registry_.ingest_all({full_record(run_id("aaaaaa")), full_record(run_id("bbbbbb")), bad}),
      Error);
  EXPECT_EQ(registry_.run_count(), 0u);
  // A retry within the batch sees the earlier record of the same run.
  const auto outcomes =
      registry_.ingest_all({test::failed_record(run_id("aaaaaa"), "diverged"),
                            full_record(run_id("aaaaaa")), full_record(run_id("bbbbbb"))});
  EXPECT_EQ(outcomes, (std::vector<IngestOutcome>{IngestOutcome::inserted,
                                                  IngestOutcome::replaced,
                                                  IngestOutcome::inserted}));
  EXPECT_EQ(registry_.run_count(), 2u);
  EXPECT_EQ(registry_.run_summary(run_id("aaaaaa"))->attempt, 2);
}

TEST_F(IngestTest, RetryingAFailedRunReplacesItsRowsAndIncrementsAttempt) {
  const std::string id = run_id("abc123");
  EXPECT_EQ(registry_.ingest(test::failed_record(id, "out of memory")), IngestOutcome::inserted);
  EXPECT_EQ(registry_.run_summary(id)->attempt, 1);
  EXPECT_EQ(registry_.run_summary(id)->reason, "out of memory");

  json interrupted = test::failed_record(id, "interrupted by the user");
  interrupted["status"] = "interrupted";
  interrupted["epochs"].erase(1);
  EXPECT_EQ(registry_.ingest(interrupted), IngestOutcome::replaced);
  EXPECT_EQ(registry_.run_summary(id)->attempt, 2);
  EXPECT_EQ(registry_.run_status(id), RunStatus::interrupted);
  EXPECT_EQ(rows("epochs"), 1);  // the old attempt's rows are gone

  EXPECT_EQ(registry_.ingest(full_record(id)), IngestOutcome::replaced);
  const RunSummary summary = *registry_.run_summary(id);
  EXPECT_EQ(summary.attempt, 3);
  EXPECT_EQ(summary.status, RunStatus::completed);
  EXPECT_EQ(summary.reason, "");
  EXPECT_EQ(registry_.load_record(id), full_record(id));
  EXPECT_EQ(rows("runs"), 1);
  EXPECT_EQ(rows("epochs"), 2);
  EXPECT_EQ(rows("run_params"), 15);
  EXPECT_EQ(rows("run_plugins"), 3);
  EXPECT_EQ(scalar(path(), "SELECT count(*) FROM pragma_foreign_key_check"), 0);
}

TEST_F(IngestTest, IngestingTheSameFailedRecordTwiceIsNotARetry) {
  const std::string id = run_id("abc123");
  const json record = test::failed_record(id, "diverged");
  registry_.ingest(record);
  EXPECT_EQ(registry_.ingest(record), IngestOutcome::unchanged);
  EXPECT_EQ(registry_.run_summary(id)->attempt, 1);
}

TEST_F(IngestTest, ACompletedRunIsNeverReplaced) {
  const std::string id = run_id("abc123");
  registry_.ingest(full_record(id));
  const auto before = all_rows();
  const RunRecord again = test::with_metric(test::full_run_record(id), "f1_macro", 0.9, 0.9);
  EXPECT_EQ(registry_.ingest(again), IngestOutcome::unchanged);
  EXPECT_EQ(registry_.ingest(test::failed_record(id, "late failure")), IngestOutcome::unchanged);
  EXPECT_EQ(registry_.load_record(id), full_record(id));
  EXPECT_EQ(registry_.run_summary(id)->attempt, 1);
  EXPECT_EQ(all_rows(), before);
}

TEST_F(IngestTest, AFailedRetryThatIsMalformedKeepsThePreviousAttempt) {
  const std::string id = run_id("abc123");
  registry_.ingest(test::failed_record(id, "out of memory"));
  const auto before = all_rows();
  json bad = full_record(id);
  bad["epochs"][1]["val"] = 3;
  EXPECT_THROW(registry_.ingest(bad), Error);
  EXPECT_EQ(all_rows(), before);
  EXPECT_EQ(registry_.run_status(id), RunStatus::failed);
  EXPECT_EQ(registry_.run_summary(id)->attempt, 1);
}

TEST_F(IngestTest, ARecordWithoutOptionalPartsIsAccepted) {
  const std::string id = run_id("abc123");
  json record = {{"format", kRunRecordFormat},
                 {"run_id", id},
                 {"status", "failed"},
                 {"reason", "no data"},
                 {"spec", {{"train", {{"lr", 0.1}}}}}};
  EXPECT_EQ(registry_.ingest(record), IngestOutcome::inserted);
  EXPECT_EQ(registry_.load_record(id), record);
  EXPECT_EQ(rows("run_params"), 1);
  EXPECT_EQ(rows("run_metrics"), 0);
  EXPECT_EQ(scalar(path(), "SELECT seed IS NULL AND build_id IS NULL AND bundle IS NULL FROM runs"),
            1);
}

TEST_F(IngestTest, Format1RecordsOfRealRunsAreIngestedAndKeptAsWritten) {
  const json completed = test::format1_record("format1_completed");
  const json failed = test::format1_record("format1_failed");
  const json lost = test::format1_lost_worker_record(run_id("10057"));
  for (const json& record : {completed, failed, lost}) {
    const std::string id = record.at("run_id").get<std::string>();
    EXPECT_EQ(registry_.ingest(record), IngestOutcome::inserted) << id;
    EXPECT_EQ(registry_.load_record(id), record) << id;
  }
  const std::string id = completed.at("run_id").get<std::string>();
  EXPECT_EQ(registry_.run_status(id), RunStatus::completed);
  EXPECT_EQ(registry_.run_status(failed.at("run_id").get<std::string>()), RunStatus::failed);
  EXPECT_EQ(scalar(path(), "SELECT best_epoch FROM runs WHERE run_id = '" + id + "'"), 1);
  EXPECT_EQ(text(path(), "SELECT build_id FROM runs WHERE run_id = '" + id + "'"),
            "071ee34ba782f800f0c34dd0da56fc63937556924c35b087174b8bff41906d02");
  EXPECT_EQ(scalar(path(), "SELECT count(*) FROM epochs"), 2);
  EXPECT_EQ(scalar(path(), "SELECT count(*) FROM run_metrics WHERE split = 'test'"), 13);
  EXPECT_EQ(registry_.best_runs("f1_macro", MetricSplit::val, 5).at(0).run_id, id);
  EXPECT_EQ(registry_.load_run_record(id)->best->value, 0.10526315789473684);
}

}  // namespace
}  // namespace eorun
