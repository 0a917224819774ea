// The query module on a small registry: --where, --sweep, columns and --group-by results.
#include <cmath>
#include <set>

#include <gtest/gtest.h>

#include "eorun/error.hpp"
#include "query_fixture.hpp"
#include "registry/query/cell_reader.hpp"
#include "registry/query/group_by.hpp"
#include "registry/query/run_filter.hpp"
#include "registry/query/run_query.hpp"
#include "registry_test_support.hpp"
#include "support/temp_dir.hpp"

namespace eorun::query {
namespace {

using nlohmann::json;
using test::run_id;

class QueryEngineTest : public ::testing::Test {
 protected:
  void SetUp() override { test::add_query_runs(registry_); }

  SelectedRuns select(const std::string& where, std::optional<std::string> sweep = std::nullopt) {
    return select_runs(registry_, FieldCatalog::load(registry_), {where, std::move(sweep)});
  }

  // The prefixes of the runs ranked by val f1_macro under `where`.
  std::vector<std::string> ranked(const std::string& where,
                                  std::optional<std::string> sweep = std::nullopt) {
    std::vector<std::string> prefixes;
    for (const RunRow& row : rank_runs(registry_, select(where, std::move(sweep)), "f1_macro",
                                       MetricSplit::val, std::nullopt))
      prefixes.push_back(row.run_id.substr(0, 2));
    return prefixes;
  }

  std::vector<Group> groups(const std::vector<std::string>& keys, const std::string& where = "",
                            const std::string& metric = "f1_macro",
                            const std::vector<std::string>& columns = {}) {
    const FieldCatalog catalog = FieldCatalog::load(registry_);
    GroupQuery query;
    for (const std::string& key : keys) query.keys.push_back(*catalog.find(key));
    for (const std::string& column : columns) query.columns.push_back(*catalog.find(column));
    query.metric = metric;
    return group_runs(registry_, select_runs(registry_, catalog, {where, {}}), query).groups;
  }

  test::TempDir dir_;
  std::filesystem::path path_ = dir_.path() / "eorun.db";
  Registry registry_ = Registry::open(path_);
};

TEST_F(QueryEngineTest, WithoutFiltersCompletedRunsWithANumberAreRanked) {
  EXPECT_EQ(ranked(""), (std::vector<std::string>{"b2", "b1", "a3", "a2", "a1", "c1"}));
  const SelectedRuns all = select("");
  EXPECT_FALSE(all.filtered);
  EXPECT_TRUE(all.only_completed);
  EXPECT_EQ(count_runs(registry_, all), 7u);
}

TEST_F(QueryEngineTest, WhereFiltersOnSpecKeysMetricsAndRecordedFields) {
  EXPECT_EQ(ranked("dataset.bands = 'ms'"), (std::vector<std::string>{"b2", "b1", "c1"}));
  EXPECT_EQ(ranked("dataset.bands = 'ms' and train.optimizer != 'sgd'"),
            (std::vector<std::string>{"b2", "b1"}));
  EXPECT_EQ(ranked("train.lr > 1e-3"), (std::vector<std::string>{"a2"}));
  EXPECT_EQ(ranked("train.lr <= 0.001"), (std::vector<std::string>{"b2", "b1", "a3", "a1", "c1"}));
  EXPECT_EQ(ranked("test.f1_macro >= 0.7"), (std::vector<std::string>{"b2", "b1", "a3"}));
  EXPECT_EQ(ranked("f1_macro < 0.65"), (std::vector<std::string>{"a2", "a1", "c1"}));
  EXPECT_EQ(ranked("seed in (2, 3)"), (std::vector<std::string>{"b2", "a3", "a2"}));
  EXPECT_EQ(ranked("train.seed not in (2, 3)"), (std::vector<std::string>{"b1", "a1", "c1"}));
  EXPECT_EQ(ranked("run_id = '" + run_id("a3") + "'"), (std::vector<std::string>{"a3"}));
  EXPECT_EQ(ranked("model.pretrained = false and model.plugin in ('shortcnn')").size(), 6u);
  EXPECT_EQ(ranked("wall_seconds > 12 and threads = 2 and attempt = 1").size(), 6u);
  EXPECT_EQ(ranked("started_at >= '2026-11-21' and finished_at < '2027'").size(), 6u);
}

TEST_F(QueryEngineTest, AndOrNotCombineAsWritten) {
  EXPECT_EQ(ranked("dataset.bands = 'ms' or seed = 3 and train.optimizer = 'adam'"),
            (std::vector<std::string>{"b2", "b1", "a3", "c1"}));
  EXPECT_EQ(ranked("(dataset.bands = 'ms' or seed = 3) and train.optimizer = 'sgd'"),
            (std::vector<std::string>{"c1"}));
  EXPECT_EQ(ranked("not dataset.bands = 'ms'"), (std::vector<std::string>{"a3", "a2", "a1"}));
}

TEST_F(QueryEngineTest, ARunWithoutAKeyMatchesNoComparisonOnIt) {
  EXPECT_EQ(ranked("model.width = 32").size(), 5u);
  EXPECT_EQ(ranked("model.width != 32").size(), 0u);
  EXPECT_EQ(ranked("not model.width = 32"), (std::vector<std::string>{"c1"}));
}

TEST_F(QueryEngineTest, NamingStatusLetsOtherRunsIn) {
  const SelectedRuns failed = select("status = 'failed'");
  EXPECT_FALSE(failed.only_completed);
  EXPECT_EQ(ranked("status = 'failed'"), (std::vector<std::string>{"d1"}));
  EXPECT_EQ(ranked("status in ('completed', 'failed')").front(), "d1");  // 0.99
  const std::vector<RunRow> listed = list_runs(registry_, failed, std::nullopt);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].run_id, run_id("d1"));
  EXPECT_EQ(count_runs(registry_, select("status != 'interrupted'")), 8u);
}

TEST_F(QueryEngineTest, SweepSelectsThePlansRuns) {
  EXPECT_EQ(ranked("", std::string("finetune")), (std::vector<std::string>{"b2", "b1"}));
  EXPECT_EQ(ranked("", std::string("5eeee1")), (std::vector<std::string>{"b2", "b1"}));
  EXPECT_EQ(ranked("seed = 1", std::string("finetune")), (std::vector<std::string>{"b1"}));
  EXPECT_EQ(ranked("sweep = 'finetune'"), (std::vector<std::string>{"b2", "b1"}));
  EXPECT_EQ(ranked("sweep = '5EEEE100'"), (std::vector<std::string>{"b2", "b1"}));
  EXPECT_EQ(ranked("sweep != 'finetune' and dataset.bands = 'ms'"),
            (std::vector<std::string>{"c1"}));
  EXPECT_EQ(ranked("sweep in ('other', 'finetune')").size(), 2u);
  try {
    select("", std::string("nosuch"));
    FAIL() << "an unknown sweep should be refused";
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), "--sweep 'nosuch'");
    EXPECT_EQ(e.remedy(), "recorded sweeps: finetune");
  }
}

TEST_F(QueryEngineTest, ListingGivesTheNewestFirst) {
  std::vector<std::string> prefixes;
  for (const RunRow& row : list_runs(registry_, select(""), 3))
    prefixes.push_back(row.run_id.substr(0, 2));
  EXPECT_EQ(prefixes, (std::vector<std::string>{"e1", "c1", "b2"}));
}

TEST_F(QueryEngineTest, VaryingKeysAreThoseThatDifferAmongTheSelectedRuns) {
  const std::vector<std::string> every_key = FieldCatalog::load(registry_).spec_keys();
  const std::vector<std::string> all = {"dataset.bands", "model.width", "train.lr",
                                        "train.optimizer", "train.seed"};
  EXPECT_EQ(varying_keys(registry_, select(""), every_key), all);
  EXPECT_EQ(registry_.varying_param_keys(), all);
  // c1 lacks model.width: only for such keys is a selected run without the key looked for.
  const std::set<std::string> in_every_run = registry_.param_keys_of_every_completed_run();
  EXPECT_EQ(in_every_run.count("model.width"), 0u);
  EXPECT_EQ(in_every_run.count("train.seed"), 1u);
  EXPECT_EQ(varying_keys(registry_, select("dataset.bands = 'ms'"), every_key),
            (std::vector<std::string>{"model.width", "train.optimizer", "train.seed"}));
  EXPECT_EQ(
      varying_keys(registry_, select("dataset.bands = 'ms'"), {"train.seed", "dataset.bands"}),
      (std::vector<std::string>{"train.seed"}));
  EXPECT_EQ(varying_keys(registry_, select("", std::string("finetune")), every_key),
            (std::vector<std::string>{"train.seed"}));
  EXPECT_TRUE(varying_keys(registry_, select("seed > 99"), every_key).empty());
  EXPECT_TRUE(varying_keys(registry_, select(""), {}).empty());
}

TEST_F(QueryEngineTest, CellsReadEveryKindOfField) {
  const FieldCatalog catalog = FieldCatalog::load(registry_);
  CellReader reader(registry_);
  const RunRow b1 = rank_runs(registry_,
                              select("seed = 1 and dataset.bands = 'ms' and "
                                     "train.optimizer = 'adam'"),
                              "f1_macro", MetricSplit::val, 1)
                        .front();
  EXPECT_EQ(reader.read(b1.id, *catalog.find("dataset.bands")), "ms");
  EXPECT_EQ(reader.read(b1.id, *catalog.find("train.lr")), 0.001);
  EXPECT_EQ(reader.read(b1.id, *catalog.find("model.width")), 32);
  EXPECT_EQ(reader.read(b1.id, *catalog.find("model.pretrained")), false);
  EXPECT_EQ(reader.read(b1.id, *catalog.find("dataset.band_list")), json({"B04", "B03", "B02"}));
  EXPECT_EQ(reader.read(b1.id, *catalog.find("test.f1_macro")), 0.70);
  EXPECT_EQ(reader.read(b1.id, *catalog.find("f1_macro")), 0.80);
  EXPECT_EQ(reader.read(b1.id, *catalog.find("seed")), 1);
  EXPECT_EQ(reader.read(b1.id, *catalog.find("status")), "completed");
  EXPECT_EQ(reader.read(b1.id, *catalog.find("wall_seconds")), 12.3);
  EXPECT_EQ(reader.read(b1.id, *catalog.find("sweep")), "finetune");
  EXPECT_EQ(
      reader.metrics(b1.id, MetricSplit::test),
      json({{"f1_macro", 0.70}, {"f1_micro", 0.6}, {"hamming_loss", 0.1}, {"map_macro", 0.55}}));
  const RunRow c1 =
      rank_runs(registry_, select("f1_macro < 0.4"), "f1_macro", MetricSplit::val, 1).front();
  EXPECT_TRUE(reader.read(c1.id, *catalog.find("model.width")).is_null());
  EXPECT_TRUE(reader.read(c1.id, *catalog.find("sweep")).is_null());
}

// Hand-computed: rgb/adam val 0.5, 0.6, 0.7 -> mean 0.6, std sqrt((0.01 + 0 + 0.01) / 2) = 0.1;
// test 0.4, 0.5, 0.9 -> mean 0.6, std sqrt((0.04 + 0.01 + 0.09) / 2) = sqrt(0.07).
// ms/adam val 0.8, 0.9 -> 0.85, sqrt(0.005); test 0.7, 0.75 -> 0.725, sqrt(0.00125).
// ms/sgd: c1 alone (d1 failed) -> val 0.3, no std. rgb/sgd: e1 has no val number -> no group.
TEST_F(QueryEngineTest, GroupsHaveMeanAndSampleStdAndTheBestMeanComesFirst) {
  const std::vector<Group> result = groups({"dataset.bands", "train.optimizer"});
  ASSERT_EQ(result.size(), 3u);
  EXPECT_EQ(result[0].key, (std::vector<json>{"ms", "adam"}));
  EXPECT_EQ(result[0].runs, 2u);
  EXPECT_NEAR(*result[0].val.mean, 0.85, 1e-12);
  EXPECT_NEAR(*result[0].val.stddev, std::sqrt(0.005), 1e-12);
  EXPECT_NEAR(*result[0].test.mean, 0.725, 1e-12);
  EXPECT_NEAR(*result[0].test.stddev, std::sqrt(0.00125), 1e-12);

  EXPECT_EQ(result[1].key, (std::vector<json>{"rgb", "adam"}));
  EXPECT_EQ(result[1].runs, 3u);
  EXPECT_EQ(result[1].val.n, 3u);
  EXPECT_NEAR(*result[1].val.mean, 0.6, 1e-12);
  EXPECT_NEAR(*result[1].val.stddev, 0.1, 1e-12);
  EXPECT_NEAR(*result[1].test.mean, 0.6, 1e-12);
  EXPECT_NEAR(*result[1].test.stddev, std::sqrt(0.07), 1e-12);

  EXPECT_EQ(result[2].key, (std::vector<json>{"ms", "sgd"}));
  EXPECT_EQ(result[2].runs, 1u);
  EXPECT_NEAR(*result[2].val.mean, 0.3, 1e-12);
  EXPECT_FALSE(result[2].val.stddev);  // one run: no spread
  EXPECT_NEAR(*result[2].test.mean, 0.2, 1e-12);
}

TEST_F(QueryEngineTest, GroupsFollowTheFiltersAndTheMetricsDirection) {
  const std::vector<Group> rgb = groups({"train.seed"}, "dataset.bands = 'rgb'");
  ASSERT_EQ(rgb.size(), 3u);  // e1 (seed 1) has no val f1_macro
  EXPECT_EQ(rgb[0].key, std::vector<json>{3});
  EXPECT_EQ(rgb[2].key, std::vector<json>{1});
  EXPECT_EQ(rgb[2].runs, 1u);

  // hamming_loss: lower is better; every run has 0.15 on val except none: one group, n = 6.
  const std::vector<Group> loss = groups({"train.optimizer"}, "", "hamming_loss");
  ASSERT_EQ(loss.size(), 2u);
  EXPECT_EQ(loss[0].key, std::vector<json>{"adam"});  // ties go in key order
  EXPECT_EQ(loss[0].runs + loss[1].runs, 7u);         // e1 has a hamming_loss

  const std::vector<Group> status = groups({"status"}, "status in ('completed', 'failed')");
  ASSERT_EQ(status.size(), 2u);
  EXPECT_EQ(status[0].key, std::vector<json>{"failed"});  // d1: 0.99
}

TEST_F(QueryEngineTest, RunsWithoutAGroupKeyFormTheirOwnGroup) {
  const std::vector<Group> result = groups({"model.width"});
  ASSERT_EQ(result.size(), 2u);
  EXPECT_EQ(result[0].key, std::vector<json>{32});
  EXPECT_EQ(result[0].runs, 5u);
  EXPECT_TRUE(result[1].key[0].is_null());
  EXPECT_EQ(result[1].runs, 1u);
}

TEST_F(QueryEngineTest, ExtraColumnsAreSummarisedPerGroup) {
  const std::vector<Group> result =
      groups({"dataset.bands"}, "", "f1_macro", {"test.f1_micro", "seed", "train.lr"});
  ASSERT_EQ(result.size(), 2u);
  const Group& ms = result[0];  // b1, b2, c1: val mean 0.6667
  EXPECT_EQ(ms.key, std::vector<json>{"ms"});
  ASSERT_EQ(ms.columns.size(), 3u);
  EXPECT_NEAR(*ms.columns[0].mean, 0.6, 1e-12);
  EXPECT_NEAR(*ms.columns[0].stddev, 0.0, 1e-12);
  EXPECT_NEAR(*ms.columns[1].mean, 4.0 / 3.0, 1e-12);
  EXPECT_EQ(ms.columns[2].n, 3u);
  EXPECT_NEAR(*ms.columns[2].mean, 0.001, 1e-15);
  const Group& rgb = result[1];  // a1, a2, a3: lr 0.001, 0.01, 0.001
  EXPECT_NEAR(*rgb.columns[2].mean, 0.004, 1e-15);
}

TEST_F(QueryEngineTest, WhatCannotBeGroupedOrSummarisedIsRefused) {
  const FieldCatalog catalog = FieldCatalog::load(registry_);
  auto problem = [&](const std::string& key, const std::string& column) {
    GroupQuery query;
    query.metric = "f1_macro";
    query.keys.push_back(*catalog.find(key));
    if (!column.empty()) query.columns.push_back(*catalog.find(column));
    try {
      group_runs(registry_, select(""), query);
    } catch (const Error& e) {
      return e.subject() + ": " + e.problem();
    }
    return std::string("no error");
  };
  EXPECT_EQ(problem("val.f1_macro", ""),
            "--group-by 'val.f1_macro': is a metric; groups are made of spec keys or recorded "
            "fields");
  EXPECT_EQ(problem("sweep", ""),
            "--group-by 'sweep': cannot group runs: a run can belong to several sweeps");
  EXPECT_EQ(problem("seed", "dataset.bands"),
            "--columns 'dataset.bands': holds text; with --group-by, columns are summarised "
            "(mean and std)");
  GroupQuery unknown_metric;
  unknown_metric.metric = "f1_mac";
  unknown_metric.keys.push_back(*catalog.find("seed"));
  EXPECT_THROW(group_runs(registry_, select(""), unknown_metric), Error);
}

TEST_F(QueryEngineTest, InjectionAttemptsAreOnlyStringsAndChangeNothing) {
  const long long objects = test::scalar(path_, "SELECT count(*) FROM sqlite_schema");
  EXPECT_TRUE(ranked("dataset.bands = 'x'' OR 1=1 --'").empty());
  EXPECT_TRUE(ranked("dataset.bands = \"'; DROP TABLE runs; --\"").empty());
  EXPECT_TRUE(ranked("dataset.bands in ('rgb'' OR ''1''=''1')").empty());
  EXPECT_TRUE(ranked("sweep = 'x'') OR 1=1 --'").empty());
  EXPECT_THROW(ranked("dataset.bands = 'x'; DROP TABLE runs"), Error);
  EXPECT_THROW(ranked("x' OR 1=1 --"), Error);
  EXPECT_THROW(ranked("dataset.bands = 'rgb' --"), Error);
  EXPECT_EQ(test::scalar(path_, "SELECT count(*) FROM sqlite_schema"), objects);
  EXPECT_EQ(registry_.run_count(), 8u);
  EXPECT_EQ(ranked("").size(), 6u);
}

}  // namespace
}  // namespace eorun::query
