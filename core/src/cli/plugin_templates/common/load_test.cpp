// @NAME@ as eorun's own plugin loader sees it: every check of the plugin contract passes (ABI
// version, LibTorch version, kind, name, parameter schema, init, factory), and eorun lists it.
#include <gtest/gtest.h>

#include "run_eorun.hpp"

namespace {

TEST(@CLASS@Plugin, LoadsThroughEorunsLoader) {
  plugin_test::TempFolder folder;
  const plugin_test::Result shown = plugin_test::run_eorun("plugins show @NAME@", folder.path());
  ASSERT_EQ(shown.exit_code, 0) << shown.output;
  EXPECT_NE(shown.output.find("@NAME@ (@KIND@) 0.1.0"), std::string::npos) << shown.output;
  EXPECT_EQ(shown.output.find("warning: plugin"), std::string::npos)
      << "eorun refused a plugin:\n" << shown.output;
}

}  // namespace
