// eorun reproduce and eorun verify on a recorded run.
#include <gtest/gtest.h>

#include <fstream>

#include "registry/registry.hpp"
#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using test::CommandResult;
using test::run_eorun;

TEST(ReproduceVerify, ARunReproducesBitForBitAndDriftIsReported) {
  test::TempDir dir;
  ASSERT_EQ(run_eorun({"data", "synth", "--dataset", "bigearthnet", "--out", "data", "--patches", "24", "--seed", "9"}, dir.path()).exit_code, 0);
  std::ofstream(dir.path() / "run.toml")
      << "[dataset]\nplugin = \"bigearthnet\"\nroot = \"data\"\n[model]\nplugin = \"shortcnn\"\n"
         "[loss]\nplugin = \"bce\"\n[train]\nepochs = 2\nbatch_size = 8\nthreads = 2\n";
  CommandResult run = run_eorun({"run", "run.toml", "--no-progress"}, dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string id = Registry::open(dir.path() / "eorun.db").run_ids().at(0);

  CommandResult same = run_eorun({"reproduce", id.substr(0, 8), "--no-progress"}, dir.path());
  EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
  EXPECT_NE(same.out.find("reproduced bit for bit"), std::string::npos) << same.out;
  EXPECT_NE(same.out.find("epochs compared       2"), std::string::npos) << same.out;
  EXPECT_EQ(Registry::open(dir.path() / "eorun.db").run_count(), 1u) << "reproduce records nothing";

  CommandResult clean = run_eorun({"verify", id}, dir.path());
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_NE(clean.out.find("unchanged"), std::string::npos) << clean.out;

  std::ofstream(dir.path() / "data/bigearthnet-test.csv", std::ios::app) << "\n";
  CommandResult drift = run_eorun({"verify", "--all"}, dir.path());
  EXPECT_EQ(drift.exit_code, 1) << drift.out << drift.err;
  EXPECT_NE(drift.out.find("DRIFT"), std::string::npos) << drift.out;
  EXPECT_NE(drift.out.find("bigearthnet-test.csv"), std::string::npos) << drift.out;

  CommandResult unknown = run_eorun({"reproduce", "abcdef12"}, dir.path());
  EXPECT_EQ(unknown.exit_code, 2) << unknown.err;
  EXPECT_NE(unknown.err.find("eorun: error: "), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace eorun
