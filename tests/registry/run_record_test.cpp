#include "registry/run_record.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <iterator>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "eorun/error.hpp"
#include "record_fixture.hpp"

namespace eorun {
namespace {

using nlohmann::json;
using test::run_id;

const std::string kId = run_id("abc123");

// The eorun::Error reading `document` throws ("" when it reads).
Error read_error(const json& document) {
  try {
    RunRecord::from_json(document);
  } catch (const Error& e) {
    return e;
  }
  return Error("", "");
}

void expect_exact_round_trip(const json& written) {
  const json again = RunRecord::from_json(written).to_json();
  EXPECT_EQ(again, written);
  EXPECT_EQ(again.dump(), written.dump());  // the same types too (2.0 stays 2.0, 2 stays 2)
}

TEST(RunRecordTest, RecordsOfThisFormatRoundTripExactly) {
  expect_exact_round_trip(test::full_record(kId));
  expect_exact_round_trip(test::failed_record(kId, "loss became NaN"));
  RunRecord lost;  // a lost worker's record: the identity and nothing else
  lost.run_id = kId;
  lost.reason = "the worker died";
  lost.spec = {{"train", {{"lr", 0.1}}}};
  lost.identity = {{"build_id", "b"}};
  lost.seed = 1;
  expect_exact_round_trip(lost.to_json());
}

TEST(RunRecordTest, EveryMemberIsWrittenInTheCurrentFormat) {
  RunRecord record;
  record.run_id = kId;
  const json written = record.to_json();
  EXPECT_EQ(kRunRecordFormat, 2);
  EXPECT_EQ(written.at("format"), kRunRecordFormat);
  std::set<std::string> members;
  for (const auto& item : written.items()) members.insert(item.key());
  EXPECT_EQ(members, (std::set<std::string>{
                         "best", "bundle", "data", "env", "epochs", "final_weights_sha256",
                         "finished_at", "format", "identity", "param_files", "plugins",
                         "predictions", "reason", "stopped_early", "lineage", "finetune", "cost", "last",
                         "test_per_class", "test_confusion", "run_id", "seed", "spec", "started_at", "status", "test", "threads",
                         "timing"}));
  EXPECT_EQ(written.at("status"), "failed");
  EXPECT_TRUE(written.at("data").is_null());
  EXPECT_TRUE(written.at("best").is_null());
  EXPECT_EQ(written.at("plugins"), json::array());
  EXPECT_EQ(written.at("test"), json::object());
}

TEST(RunRecordTest, NanIsWrittenAsNullAndReadBackAsNan) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  RunRecord record = test::full_run_record(kId);
  record.test["f1_macro"] = nan;
  record.epochs[0].train_loss = nan;
  record.epochs[1].val["f1_macro"] = nan;
  record.best->value = nan;
  record.data->normalisation.std[0] = std::numeric_limits<double>::infinity();
  const json written = record.to_json();
  EXPECT_TRUE(written["test"]["f1_macro"].is_null());
  EXPECT_TRUE(written["epochs"][0]["train_loss"].is_null());
  EXPECT_TRUE(written["epochs"][1]["val"]["f1_macro"].is_null());
  EXPECT_TRUE(written["best"]["value"].is_null());
  EXPECT_TRUE(written["data"]["normalisation"]["std"][0].is_null());
  const RunRecord read = RunRecord::from_json(written);
  EXPECT_TRUE(std::isnan(read.test.at("f1_macro")));
  EXPECT_TRUE(std::isnan(read.epochs[0].train_loss));
  EXPECT_TRUE(std::isnan(read.epochs[1].val.at("f1_macro")));
  EXPECT_TRUE(std::isnan(read.best->value));
  EXPECT_TRUE(std::isnan(read.data->normalisation.std[0]));
  EXPECT_EQ(read.to_json(), written);
}

// A format-1 record as this eorun writes it back: the format number, and the members SDK 2 and 3
// added (input groups, class counts, hashed parameter files, reader notes, how the statistics
// were chosen) empty or null.
json as_current_format(json record) {
  record["format"] = kRunRecordFormat;
  record["param_files"] = json::array();
  record["data"]["inputs"] = json::array();
  record["data"]["class_counts"] = nullptr;
  record["data"]["notes"] = json::array();
  record["data"]["cache"] = nullptr;
  record["data"]["normalisation"]["method"] = "";
  record["data"]["normalisation"]["source"] = "";
  record["stopped_early"] = nullptr;
  record["lineage"] = nullptr;
  record["last"] = nullptr;
  record["finetune"] = nullptr;
  record["cost"] = nullptr;
  record["test_per_class"] = json::object();
  record["test_confusion"] = json::array();
  for (json& epoch : record["epochs"]) epoch["lr"] = nullptr;
  return record;
}

TEST(RunRecordTest, AFormat1RecordOfACompletedRunReadsInFull) {
  const json written = test::format1_record("format1_completed");
  ASSERT_EQ(written.at("format"), 1);
  const RunRecord record = RunRecord::from_json(written);
  EXPECT_EQ(record.run_id, "80b14a0f5bf2f75dcb1b8b67158a41bf0f5f34ebc17c13d4e58b69e67ae26e2f");
  EXPECT_EQ(record.status, RunStatus::completed);
  EXPECT_EQ(record.reason, "");
  EXPECT_EQ(record.spec.at("train").at("selection_metric"), "f1_macro");
  EXPECT_EQ(record.identity.at("device"), "cpu");
  ASSERT_EQ(record.plugins.size(), 3u);
  EXPECT_EQ(record.plugins[1].role, "model");
  EXPECT_EQ(record.plugins[1].name, "shortcnn");
  EXPECT_EQ(record.plugins[2].path, "/work/main/build/plugins/bce.so");
  ASSERT_TRUE(record.data.has_value());
  EXPECT_EQ(record.data->base, "/tmp/f1/data");
  EXPECT_EQ(record.data->file_count, 163);
  EXPECT_EQ(record.data->band_names, (std::vector<std::string>{"B04", "B03", "B02"}));
  EXPECT_EQ(record.data->class_names.size(), 19u);
  EXPECT_EQ(record.data->samples.train, 24);
  EXPECT_EQ(record.data->normalisation.mean.size(), 3u);
  ASSERT_TRUE(record.env.has_value());
  EXPECT_EQ(record.env->git_commit, "c0362b0dacde");
  EXPECT_EQ(record.env->other.at("libtorch"), "1.13.0");
  EXPECT_EQ(record.env->other.at("loader_threads"), 1);
  EXPECT_FALSE(record.env->other.contains("build_id"));
  EXPECT_EQ(record.seed, 1);
  EXPECT_EQ(record.threads, 1);
  EXPECT_EQ(record.started_at, "2026-11-29T00:10:03Z");
  ASSERT_TRUE(record.timing.has_value());
  EXPECT_EQ(record.timing->peak_rss_bytes, 307879936);
  ASSERT_EQ(record.epochs.size(), 2u);
  EXPECT_EQ(record.epochs[1].epoch, 2);
  EXPECT_EQ(record.epochs[0].train_loss, 0.4783543348312378);
  EXPECT_EQ(record.epochs[1].val.at("subset_accuracy"), 0.0);
  EXPECT_EQ(record.epochs[1].chain_sha256.substr(0, 12), "f9eed0d319f2");
  EXPECT_EQ(record.test.size(), 13u);
  ASSERT_TRUE(record.best.has_value());
  EXPECT_EQ(record.best->epoch, 1);
  EXPECT_EQ(record.best_epoch(), &record.epochs[0]);
  EXPECT_EQ(record.best->metric, "f1_macro");
  EXPECT_TRUE(record.predictions.has_value());
  EXPECT_TRUE(record.bundle.has_value());

  // Format 2 has the same members, and what SDK 2 added read as not recorded.
  json as_format2 = as_current_format(written);
  EXPECT_EQ(record.to_json(), as_format2);
  EXPECT_EQ(record.to_json().dump(), as_format2.dump());
}

TEST(RunRecordTest, AFormat1RecordOfAFailedRunHasNoBestNoPredictionsNoTest) {
  const json written = test::format1_record("format1_failed");
  const RunRecord record = RunRecord::from_json(written);
  EXPECT_EQ(record.status, RunStatus::failed);
  EXPECT_NE(record.reason.find("loss became NaN"), std::string::npos) << record.reason;
  EXPECT_FALSE(record.best.has_value());
  EXPECT_EQ(record.best_epoch(), nullptr);
  EXPECT_FALSE(record.predictions.has_value());
  EXPECT_TRUE(record.test.empty());
  EXPECT_TRUE(record.epochs.empty());
  EXPECT_EQ(record.final_weights_sha256, "");
  EXPECT_TRUE(record.data.has_value());
  json as_format2 = as_current_format(written);
  EXPECT_EQ(record.to_json(), as_format2);
}

TEST(RunRecordTest, AFormat1RecordOfALostWorkerReadsWithItsPartsMissing) {
  const json written = test::format1_lost_worker_record(kId);
  const RunRecord record = RunRecord::from_json(written);
  EXPECT_EQ(record.status, RunStatus::failed);
  EXPECT_EQ(record.seed, 3);
  EXPECT_EQ(record.threads, 2);
  EXPECT_EQ(record.identity.at("device"), "cpu");
  EXPECT_TRUE(record.plugins.empty());
  EXPECT_FALSE(record.data || record.env || record.timing || record.best);
  EXPECT_FALSE(record.started_at || record.finished_at || record.final_weights_sha256 ||
               record.predictions || record.bundle);
  // In format 2 the missing parts are written, as null or empty.
  const json converted = record.to_json();
  EXPECT_EQ(converted.at("format"), kRunRecordFormat);
  EXPECT_TRUE(converted.at("data").is_null());
  EXPECT_TRUE(converted.at("bundle").is_null());
  EXPECT_EQ(converted.at("epochs"), json::array());
  expect_exact_round_trip(converted);
}

TEST(RunRecordTest, ARecordOfANewerFormatIsRefused) {
  json record = test::full_record(kId);
  record["format"] = kRunRecordFormat + 1;
  record["status"] = "archived";  // what a newer format might hold: the format is checked first
  const Error e = read_error(record);
  EXPECT_EQ(e.subject(), "run record " + kId);
  EXPECT_EQ(e.problem(), "has format 3: written by a newer eorun (this one reads formats 1 to 2)");
  EXPECT_EQ(e.remedy(), "upgrade eorun");
}

TEST(RunRecordTest, AFormatThatIsNotAFormatIsMalformed) {
  struct Case {
    json format;
    std::string problem;
  };
  for (const Case& c : std::vector<Case>{
           {0, "field 'format' is 0; formats start at 1"},
           {"2", "field 'format' should be an integer, got string"},
           {2.5, "field 'format' should be an integer, got number"},
           {nullptr, "field 'format' is missing"}}) {
    json record = test::full_record(kId);
    record["format"] = c.format;
    EXPECT_EQ(read_error(record).problem(), c.problem);
  }
  json record = test::full_record(kId);
  record.erase("format");
  EXPECT_EQ(read_error(record).problem(), "field 'format' is missing");
}

TEST(RunRecordTest, WhatARecordSaysIsChecked) {
  struct Case {
    std::function<void(json&)> change;
    std::string problem;
  };
  const std::vector<Case> cases = {
      {[](json& r) { r["run_id"] = "ABC"; },
       "field 'run_id' should be 64 lower-case hex digits, got \"ABC\""},
      {[](json& r) { r["status"] = "done"; },
       "field 'status' should be completed, failed or interrupted, got \"done\""},
      {[](json& r) { r["best"]["epoch"] = 9; },
       "field 'best.epoch' is 9, which is not among the recorded epochs"},
  };
  for (const Case& c : cases) {
    json record = test::full_record(kId);
    c.change(record);
    EXPECT_EQ(read_error(record).problem(), c.problem);
  }
  const Error not_an_object = read_error(json::array());
  EXPECT_EQ(not_an_object.subject(), "run record");
  EXPECT_EQ(not_an_object.problem(), "should be a JSON object, got array");
  EXPECT_FALSE(not_an_object.remedy().empty());
}

// Every value of `document` by its path in messages ("epochs[1].val.f1_macro") and its JSON
// pointer, parents before children; free-form documents (spec, identity, the unnamed members of
// env) are listed themselves but not entered.
struct Value {
  std::string path;
  json::json_pointer pointer;
  std::string parent;  // the path of the object or list holding it
  bool in_list = false;
  bool free_form = false;  // any value is accepted
};

void list_values(const json& node, const Value& at, std::vector<Value>& out) {
  for (auto it = node.begin(); it != node.end(); ++it) {
    const bool list = node.is_array();
    Value value;
    value.in_list = list;
    value.parent = at.path;
    if (list) {
      const std::size_t index = static_cast<std::size_t>(std::distance(node.begin(), it));
      value.path = at.path + "[" + std::to_string(index) + "]";
      value.pointer = at.pointer / index;
    } else {
      value.path = at.path.empty() ? it.key() : at.path + "." + it.key();
      value.pointer = at.pointer / it.key();
    }
    const bool env_extra = at.path == "env" && it.key() != "build_id" &&
                           it.key() != "eorun_version" && it.key() != "git_commit";
    value.free_form = env_extra;
    out.push_back(value);
    const bool enter = (it->is_object() || it->is_array()) && !env_extra &&
                       value.path != "spec" && value.path != "identity" &&
                       value.path != "data.cache";  // kept as written, an object per split
    if (enter) list_values(*it, value, out);
  }
}

std::vector<Value> values_of(const json& document) {
  std::vector<Value> out;
  const Value root;
  list_values(document, root, out);
  return out;
}

TEST(RunRecordTest, AValueOfTheWrongTypeIsAnErrorNamingIt) {
  const json full = test::full_record(kId);
  std::size_t checked = 0;
  for (const Value& value : values_of(full)) {
    if (value.free_form) continue;
    json record = full;
    const bool was_text = record[value.pointer].is_string();
    record[value.pointer] = was_text ? json(7) : json("x");
    const Error e = read_error(record);
    EXPECT_EQ(e.problem().rfind("field '" + value.path + "' should be ", 0), 0u)
        << value.path << ": " << e.what();
    EXPECT_NE(e.problem().find(was_text ? "got number" : "got string"), std::string::npos)
        << e.what();
    if (value.path != "run_id") {
      EXPECT_EQ(e.subject(), "run record " + kId) << value.path;
    }
    EXPECT_FALSE(e.remedy().empty()) << value.path;
    ++checked;
  }
  EXPECT_GT(checked, 100u);  // every member of every part, list elements included
}

TEST(RunRecordTest, AMissingRequiredValueIsAnErrorNamingIt) {
  // Parts a run may not have reached; the other top-level members are required.
  const std::set<std::string> optional_parts = {
      "reason", "identity", "plugins", "data", "env", "seed", "threads", "started_at",
      "finished_at", "timing", "epochs", "test", "best", "final_weights_sha256", "predictions",
      "bundle", "param_files", "stopped_early", "lineage", "finetune", "cost", "test_per_class",
      // Parts added to format 2 later: the last epoch's checkpoint, band adaptation.
      "last", "lineage.band_adaptation",
      "test_confusion",
      // Figures that could not be measured on every machine.
      "cost.cpu_seconds", "cost.energy_j", "cost.gpu_energy_j", "cost.co2_g",
      // Members of the data part that records written before SDK 2 lack.
      "data.inputs", "data.class_counts",
      // ... and before SDK 3: reader notes, how the statistics were chosen.
      "data.notes", "data.normalisation.method", "data.normalisation.source",
      // ... and before the packed cache: the caches a run read (null when it read none).
      "data.cache"};
  const json full = test::full_record(kId);
  std::size_t required = 0;
  for (const Value& value : values_of(full)) {
    if (value.in_list) continue;  // removing an element makes a shorter list
    json record = full;
    record[value.pointer.parent_pointer()].erase(value.pointer.back());
    if (value.path == "epochs") record.erase("best");  // it names one of them
    // Metric values are entries of a map (test, val): removing one leaves a smaller map.
    const bool metric =
        value.parent == "test" || value.parent == "test_per_class" ||
        (value.parent.size() > 4 && value.parent.substr(value.parent.size() - 4) == ".val");
    // The learning rate of an epoch, which records written before it was recorded lack.
    const bool epoch_lr = value.parent.rfind("epochs[", 0) == 0 && value.path.size() > 3 &&
                          value.path.substr(value.path.size() - 3) == ".lr";
    // A group's end hash: null when the run ended before its kept weights were hashed.
    const bool end_hash = value.path.size() > 11 && value.path.substr(value.path.size() - 11) == ".end_sha256";
    if (value.free_form || metric || epoch_lr || end_hash || optional_parts.count(value.path)) {
      EXPECT_NO_THROW(RunRecord::from_json(record)) << value.path;
      continue;
    }
    EXPECT_EQ(read_error(record).problem(), "field '" + value.path + "' is missing") << value.path;
    ++required;
  }
  EXPECT_GT(required, 40u);
}

TEST(RunRecordTest, NullReadsAsNotRecorded) {
  json record = test::full_record(kId);
  for (const char* part : {"data", "env", "timing", "best", "bundle", "seed", "identity"})
    record[part] = nullptr;
  const RunRecord read = RunRecord::from_json(record);
  EXPECT_FALSE(read.data || read.env || read.timing || read.best || read.bundle || read.seed);
  EXPECT_TRUE(read.identity.is_null());
  json required = test::full_record(kId);
  required["data"]["base"] = nullptr;
  EXPECT_EQ(read_error(required).problem(), "field 'data.base' is missing");
}

TEST(RunRecordTest, MembersItDoesNotKnowAreIgnoredExceptInEnv) {
  json record = test::full_record(kId);
  record["provenance"] = {{"parent", run_id("fff")}};
  record["epochs"][0]["momentum"] = 0.9;
  record["data"]["band_groups"] = {{"B04"}};
  record["env"]["cuda"] = "12.1";
  const RunRecord read = RunRecord::from_json(record);
  EXPECT_EQ(read.env->other.at("cuda"), "12.1");
  json expected = test::full_record(kId);
  expected["env"]["cuda"] = "12.1";
  EXPECT_EQ(read.to_json(), expected);
}

}  // namespace
}  // namespace eorun
