// @NAME@ used for real: its synthetic copy written, read back, and a run trained on it.
// (load_test.cpp checks that eorun's own loader accepts it.)
#include <gtest/gtest.h>

#include <fstream>

#include "run_eorun.hpp"

namespace {

using plugin_test::run_eorun;

TEST(@CLASS@Plugin, WritesReadsAndTrainsOnItsSyntheticCopy) {
  plugin_test::TempFolder folder;
  const plugin_test::Result synth =
      run_eorun("data synth --dataset @NAME@ --out data --patches 40 --seed 1", folder.path());
  ASSERT_EQ(synth.exit_code, 0) << synth.output;

  const plugin_test::Result inspect =
      run_eorun("data inspect --dataset @NAME@ --root data --split val", folder.path());
  ASSERT_EQ(inspect.exit_code, 0) << inspect.output;
  EXPECT_NE(inspect.output.find("B02, B03, B04, B08"), std::string::npos) << inspect.output;

  std::ofstream(folder.path() / "run.toml") << R"toml(
[dataset]
plugin = "@NAME@"
root = "data"

[model]
plugin = "shortcnn"
input_size = 32

[loss]
plugin = "bce"

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
