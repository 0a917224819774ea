// Ctrl-C during training: the run stops at the next batch, is recorded as interrupted, exit 130.
#include <gtest/gtest.h>

#include <fstream>

#include "registry/registry.hpp"
#include "support/run_eorun.hpp"
#include "support/running_eorun.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

TEST(Interrupt, CtrlCRecordsAnInterruptedRun) {
  test::TempDir dir;
  ASSERT_EQ(test::run_eorun({"data", "synth", "--dataset", "bigearthnet", "--out", "data", "--patches", "40", "--seed", "5"}, dir.path())
                .exit_code, 0);
  std::ofstream(dir.path() / "long.toml")
      << "[dataset]\nplugin = \"bigearthnet\"\nroot = \"data\"\n[model]\nplugin = \"shortcnn\"\n"
         "[loss]\nplugin = \"bce\"\n[train]\nepochs = 500\nbatch_size = 8\nthreads = 1\n";
  const std::string registry = (dir.path() / "eorun.db").string();
  test::RunningEorun run({"--registry", registry, "run", "long.toml", "--no-progress"}, dir.path());
  ASSERT_TRUE(run.wait_for(": training ")) << run.err();
  run.signal(SIGINT);
  const int status = run.wait();
  ASSERT_TRUE(WIFEXITED(status)) << run.err();
  EXPECT_EQ(WEXITSTATUS(status), 130) << run.err();

  Registry reg = Registry::open(registry);
  ASSERT_EQ(reg.run_count(), 1u);
  const auto summary = reg.run_summary(reg.run_ids().at(0));
  ASSERT_TRUE(summary.has_value());
  EXPECT_EQ(summary->status, RunStatus::interrupted);
  EXPECT_NE(summary->reason.find("interrupted"), std::string::npos) << summary->reason;
}

}  // namespace
}  // namespace eorun
