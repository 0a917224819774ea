// @NAME@ used for real: a run trained with it for one epoch on eorun's synthetic dataset.
// (load_test.cpp checks that eorun's own loader accepts it.)
#include <gtest/gtest.h>

#include <fstream>

#include "run_eorun.hpp"

namespace {

using plugin_test::run_eorun;

TEST(@CLASS@Plugin, TrainsARunOnSyntheticData) {
  plugin_test::TempFolder folder;
  std::ofstream(folder.path() / "run.toml") << R"toml(
[dataset]
plugin = "synthetic"
bands = 3
size = 16
train = 32
val = 16
test = 16

[model]
plugin = "shortcnn"
input_size = 16

[loss]
plugin = "@NAME@"

[train]
epochs = 1
batch_size = 8
threads = 1
)toml";
  const plugin_test::Result run = run_eorun("run run.toml --no-progress", folder.path());
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find(": completed"), std::string::npos) << run.output;
}

}  // namespace
