// Sweeps in the registry: recording a plan (once), finding a sweep by name or id prefix.
#include <gtest/gtest.h>

#include "eorun/error.hpp"
#include "record_fixture.hpp"
#include "registry/registry.hpp"
#include "registry_test_support.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using nlohmann::json;
using test::run_id;

SweepRecord sweep(const std::string& id_prefix, const std::string& name, std::size_t runs) {
  SweepRecord record;
  record.sweep_id = run_id(id_prefix);
  record.name = name;
  record.script_path = "/work/scripts/" + name + ".lua";
  record.script_text = "grid { train = { lr = {1e-3, 1e-2} } }";
  record.script_sha256 = std::string(64, '5');
  record.overrides = {{"train.epochs", 1}};
  for (std::size_t i = 0; i < runs; ++i)
    record.runs.push_back(
        {i, run_id(id_prefix + "e" + std::to_string(i)), {{"train.lr", 0.001 * (i + 1)}}});
  return record;
}

class SweepsTest : public ::testing::Test {
 protected:
  test::TempDir dir_;
  std::filesystem::path path_ = dir_.path() / "eorun.db";
  Registry registry_ = Registry::open(path_);
};

TEST_F(SweepsTest, RecordsTheScriptAndThePlan) {
  EXPECT_TRUE(registry_.record_sweep(sweep("aaaa11", "finetune", 3)));
  EXPECT_EQ(test::scalar(path_, "SELECT count(*) FROM sweeps"), 1);
  EXPECT_EQ(test::text(path_, "SELECT script_text FROM sweeps"),
            "grid { train = { lr = {1e-3, 1e-2} } }");
  EXPECT_EQ(test::text(path_, "SELECT overrides_json FROM sweeps"), R"({"train.epochs":1})");
  EXPECT_EQ(test::text(path_, "SELECT assignment_json FROM sweep_runs WHERE position = 1"),
            R"({"train.lr":0.002})");
  EXPECT_EQ(registry_.sweep_run_ids(run_id("aaaa11")),
            (std::vector<std::string>{run_id("aaaa11e0"), run_id("aaaa11e1"), run_id("aaaa11e2")}));
  EXPECT_TRUE(registry_.sweep_run_ids(run_id("ffffff")).empty());
}

TEST_F(SweepsTest, RecordingTheSameSweepAgainChangesNothing) {
  ASSERT_TRUE(registry_.record_sweep(sweep("aaaa11", "finetune", 3)));
  const std::string created = test::text(path_, "SELECT created_at FROM sweeps");
  EXPECT_FALSE(registry_.record_sweep(sweep("aaaa11", "finetune", 3)));
  EXPECT_EQ(test::scalar(path_, "SELECT count(*) FROM sweeps"), 1);
  EXPECT_EQ(test::scalar(path_, "SELECT count(*) FROM sweep_runs"), 3);
  EXPECT_EQ(test::text(path_, "SELECT created_at FROM sweeps"), created);
}

TEST_F(SweepsTest, PlannedRunsNeedNotBeInTheRegistryYet) {
  ASSERT_TRUE(registry_.record_sweep(sweep("aaaa11", "finetune", 2)));
  EXPECT_EQ(registry_.run_count(), 0u);
  registry_.ingest(test::full_record(run_id("aaaa11e0")));
  EXPECT_EQ(registry_.run_count(), 1u);
}

TEST_F(SweepsTest, AMalformedSweepIsRefusedWhole) {
  SweepRecord bad_id = sweep("aaaa11", "finetune", 1);
  bad_id.sweep_id = "not-hex";
  EXPECT_THROW(registry_.record_sweep(bad_id), Error);
  SweepRecord bad_run = sweep("aaaa22", "finetune", 2);
  bad_run.runs[1].run_id = "ABC";
  EXPECT_THROW(registry_.record_sweep(bad_run), Error);
  SweepRecord twice = sweep("aaaa33", "finetune", 2);
  twice.runs[1].position = 0;
  try {
    registry_.record_sweep(twice);
    FAIL() << "a position given twice should be refused";
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), "sweep 'finetune'");
    EXPECT_EQ(e.problem(), "plan position 0 is given twice");
  }
  EXPECT_EQ(test::scalar(path_, "SELECT count(*) FROM sweeps"), 0);
  EXPECT_EQ(test::scalar(path_, "SELECT count(*) FROM sweep_runs"), 0);
}

TEST_F(SweepsTest, ResolvesTheLatestSweepOfANameOrAUniqueIdPrefix) {
  registry_.record_sweep(sweep("aaaaaa11", "finetune", 1));
  registry_.record_sweep(sweep("bbbb22", "finetune", 1));  // the same script, changed: later
  registry_.record_sweep(sweep("aaaaaa33", "rgb_vs_ms", 1));
  EXPECT_EQ(registry_.resolve_sweep("finetune"), run_id("bbbb22"));
  EXPECT_EQ(registry_.resolve_sweep("rgb_vs_ms"), run_id("aaaaaa33"));
  EXPECT_EQ(registry_.resolve_sweep("aaaaaa11"), run_id("aaaaaa11"));
  EXPECT_EQ(registry_.resolve_sweep("AAAAAA33"), run_id("aaaaaa33"));
  EXPECT_EQ(registry_.resolve_sweep(run_id("bbbb22")), run_id("bbbb22"));
  EXPECT_EQ(registry_.resolve_sweep("nosuch"), std::nullopt);
  EXPECT_EQ(registry_.resolve_sweep("cccccc"), std::nullopt);
  EXPECT_EQ(registry_.resolve_sweep("bbbb"), std::nullopt);  // too short to be an id prefix
  try {
    registry_.resolve_sweep("aaaaaa");
    FAIL() << "an ambiguous prefix should be refused";
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), "sweep 'aaaaaa'");
    EXPECT_EQ(e.problem(),
              "matches several sweeps (aaaaaa1100 (finetune), aaaaaa3300 (rgb_vs_ms))");
  }
  EXPECT_EQ(registry_.sweep_names(), (std::vector<std::string>{"finetune", "rgb_vs_ms"}));
}

}  // namespace
}  // namespace eorun
