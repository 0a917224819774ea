// A test fixture for runs that start from weights files: the files (pretrained_weights_files.py,
// written once per suite by Debian's PyTorch) and a folder per test to run eorun in.
#pragma once

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"

namespace eorun::test {

class WeightsFilesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    files_ = new TempDir;
    const CommandResult made = run_program(
        "/usr/bin/python3",
        {std::string(EORUN_SOURCE_DIR) + "/tests/integration/pretrained_weights_files.py", files_->path().string()},
        files_->path());
    ASSERT_EQ(made.exit_code, 0) << made.err << "(python3-torch: run scripts/install-deps.sh)";
  }
  static void TearDownTestSuite() {
    delete files_;
    files_ = nullptr;
  }

  // A bad spec: exit 2 with `message`, and no run started.
  void expect_refused(const CommandResult& result, const std::string& message) {
    EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
    EXPECT_NE(result.err.find(message), std::string::npos) << result.err;
    EXPECT_FALSE(std::filesystem::exists(dir_.path() / "runs")) << "nothing ran";
  }

  static std::string file(const std::string& name) { return (files_->path() / name).string(); }

  inline static TempDir* files_ = nullptr;
  TempDir dir_;
};

}  // namespace eorun::test
