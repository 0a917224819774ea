// Queries on what runs cost: the measured figures (energy_j, co2_g, wall_seconds, ...) as fields of
// --where, --columns and --group-by, and as what --best ranks by. Runs that could not measure a
// figure are left out of rankings by it and read as null.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "eorun/error.hpp"
#include "query_fixture.hpp"
#include "registry/query/cell_reader.hpp"
#include "registry/query/group_by.hpp"
#include "registry/query/run_filter.hpp"
#include "registry/query/run_query.hpp"
#include "support/temp_dir.hpp"

namespace eorun::query {
namespace {

using nlohmann::json;

class CostQueryTest : public ::testing::Test {
 protected:
  void SetUp() override { test::add_cost_runs(registry_); }

  SelectedRuns select(const std::string& where) {
    return select_runs(registry_, FieldCatalog::load(registry_), {where, std::nullopt});
  }

  // "prefix=figure" of the runs ranked by `figure` under `where`.
  std::vector<std::string> ranked(const std::string& figure, const std::string& where = "") {
    std::vector<std::string> out;
    for (const RunRow& row : rank_runs(registry_, select(where), figure, MetricSplit::val,
                                       std::nullopt)) {
      EXPECT_FALSE(row.val || row.test) << "a figure has no split";
      out.push_back(row.run_id.substr(0, 2) + "=" + format(*row.figure));
    }
    return out;
  }

  static std::string format(double value) { return number_value(value).dump(); }

  std::vector<Group> groups(const std::string& key, const std::string& ranked_by,
                            const std::vector<std::string>& columns = {}) {
    const FieldCatalog catalog = FieldCatalog::load(registry_);
    GroupQuery query;
    query.keys.push_back(*catalog.find(key));
    for (const std::string& column : columns) query.columns.push_back(*catalog.find(column));
    query.metric = ranked_by;
    return group_runs(registry_, select(""), query).groups;
  }

  test::TempDir dir_;
  Registry registry_ = Registry::open(dir_.path() / "eorun.db");
};

TEST_F(CostQueryTest, CostsRankLowestFirstLeavingOutRunsWithoutTheFigure) {
  EXPECT_EQ(ranked("energy_j"), (std::vector<std::string>{"c2=100", "c1=300"}));
  EXPECT_EQ(ranked("co2_g"), (std::vector<std::string>{"c2=0.01", "c1=0.03"}));
  EXPECT_EQ(ranked("cpu_seconds"), (std::vector<std::string>{"c1=20", "c3=40", "c2=60"}));
  EXPECT_EQ(ranked("wall_seconds"),
            (std::vector<std::string>{"c1=10", "c3=20", "c2=30", "c5=40"}));
  // Ties go to the smaller run id.
  EXPECT_EQ(ranked("parameters_total"),
            (std::vector<std::string>{"c1=1000", "c2=1000", "c3=4000"}));
  EXPECT_EQ(ranked("parameters_trainable"),
            (std::vector<std::string>{"c1=500", "c2=500", "c3=2000"}));
  EXPECT_EQ(ranked("peak_rss_bytes").size(), 4u);
  EXPECT_TRUE(ranked("gpu_energy_j").empty()) << "no run measured it";
}

TEST_F(CostQueryTest, ThroughputRanksHighestFirst) {
  EXPECT_EQ(ranked("samples_per_second"),
            (std::vector<std::string>{"c3=200", "c1=100", "c2=50", "c5=25"}));
}

TEST_F(CostQueryTest, RankingByAFigureFollowsTheFilters) {
  EXPECT_EQ(ranked("energy_j", "dataset.bands = 'rgb' and seed = 1"),
            (std::vector<std::string>{"c1=300"}));
  EXPECT_EQ(ranked("energy_j", "status = 'failed' or energy_j > 200"),
            (std::vector<std::string>{"c4=10", "c1=300"}));
  const std::vector<RunRow> top =
      rank_runs(registry_, select(""), "wall_seconds", MetricSplit::test, 2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[1].run_id, test::run_id("c3"));
}

TEST_F(CostQueryTest, WhereComparesFiguresAsNumbersAndNullMatchesNothing) {
  auto selected = [&](const std::string& where) {
    std::vector<std::string> out;
    for (const RunRow& row : list_runs(registry_, select(where), std::nullopt))
      out.push_back(row.run_id.substr(0, 2));
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(selected("energy_j < 200"), (std::vector<std::string>{"c2"}));
  EXPECT_EQ(selected("co2_g >= 0.01 and cpu_seconds < 50"), (std::vector<std::string>{"c1"}));
  EXPECT_EQ(selected("energy_j >= 0 or energy_j < 0"), (std::vector<std::string>{"c1", "c2"}))
      << "c3 and c5 have no energy_j";
  EXPECT_EQ(selected("not energy_j < 200"), (std::vector<std::string>{"c1", "c3", "c5"}));
  EXPECT_EQ(selected("parameters_total in (4000)"), (std::vector<std::string>{"c3"}));
  EXPECT_EQ(selected("samples_per_second > 60 and wall_seconds <= 20"),
            (std::vector<std::string>{"c1", "c3"}));
  try {
    select("energy_j < 'a lot'");
    FAIL() << "a figure is a number";
  } catch (const Error& e) {
    EXPECT_NE(e.problem().find("energy_j holds numbers"), std::string::npos) << e.what();
  }
}

TEST_F(CostQueryTest, CellsOfAFigureAreNumbersOrNull) {
  const FieldCatalog catalog = FieldCatalog::load(registry_);
  CellReader reader(registry_);
  std::map<std::string, std::int64_t> ids;
  for (const RunRow& row : list_runs(registry_, select("status = 'completed' or status = 'failed'"),
                                     std::nullopt))
    ids[row.run_id.substr(0, 2)] = row.id;
  EXPECT_EQ(reader.read(ids["c1"], *catalog.find("energy_j")), 300);
  EXPECT_EQ(reader.read(ids["c1"], *catalog.find("co2_g")), 0.03);
  EXPECT_EQ(reader.read(ids["c1"], *catalog.find("parameters_total")), 1000);
  EXPECT_EQ(reader.read(ids["c3"], *catalog.find("energy_j")), json()) << "not measured";
  EXPECT_EQ(reader.read(ids["c5"], *catalog.find("cpu_seconds")), json()) << "no cost at all";
  EXPECT_EQ(reader.read(ids["c5"], *catalog.find("wall_seconds")), 40);
  EXPECT_EQ(reader.read(ids["c4"], *catalog.find("samples_per_second")), json()) << "NaN";
  EXPECT_EQ(reader.read(ids["c1"], *catalog.find("gpu_energy_j")), json());
}

TEST_F(CostQueryTest, GroupsRankedByAFigureSummariseIt) {
  // rgb: c1 300, c2 100; ms: c3 and c5 have no energy (c4 failed, not selected).
  const std::vector<Group> by_energy = groups("dataset.bands", "energy_j");
  ASSERT_EQ(by_energy.size(), 1u);
  EXPECT_EQ(by_energy[0].key, std::vector<json>{"rgb"});
  EXPECT_EQ(by_energy[0].runs, 2u);
  EXPECT_EQ(by_energy[0].figure.n, 2u);
  EXPECT_DOUBLE_EQ(*by_energy[0].figure.mean, 200.0);
  EXPECT_NEAR(*by_energy[0].figure.stddev, std::sqrt(20000.0), 1e-9);
  EXPECT_EQ(by_energy[0].val.n, 0u) << "ranked by a figure, not a metric";

  // wall_seconds: rgb mean 20, ms mean 30: lower first.
  const std::vector<Group> by_time = groups("dataset.bands", "wall_seconds");
  ASSERT_EQ(by_time.size(), 2u);
  EXPECT_EQ(by_time[0].key, std::vector<json>{"rgb"});
  EXPECT_DOUBLE_EQ(*by_time[1].figure.mean, 30.0);
  // samples_per_second: ms mean 112.5 beats rgb 75.
  EXPECT_EQ(groups("dataset.bands", "samples_per_second")[0].key, std::vector<json>{"ms"});
}

TEST_F(CostQueryTest, FiguresAreColumnsOfGroupsRankedByAMetric) {
  const std::vector<Group> result =
      groups("dataset.bands", "f1_macro", {"energy_j", "co2_g", "cpu_seconds"});
  ASSERT_EQ(result.size(), 2u);
  const Group& ms = result[0];  // val f1 0.7 and 0.8
  EXPECT_EQ(ms.key, std::vector<json>{"ms"});
  EXPECT_EQ(ms.columns[0].n, 0u) << "neither ms run measured energy";
  EXPECT_EQ(ms.columns[0].mean, std::nullopt);
  EXPECT_EQ(ms.columns[2].n, 1u);
  EXPECT_DOUBLE_EQ(*ms.columns[2].mean, 40.0);
  const Group& rgb = result[1];
  EXPECT_DOUBLE_EQ(*rgb.columns[1].mean, 0.02);
}

}  // namespace
}  // namespace eorun::query
