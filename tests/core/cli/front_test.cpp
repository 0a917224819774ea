// The light front as a user meets it: `eorun` answers help, the version, usage errors and a
// missing file itself, without eorun-engine (and so without LibTorch).
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli/command_table.hpp"
#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"
#include "util/version.hpp"

namespace eorun {
namespace {

using test::CommandResult;

// A copy of the front alone in a folder: no eorun-engine beside it.
class FrontAlone : public ::testing::Test {
 protected:
  FrontAlone() {
    std::filesystem::create_directory(dir_.path() / "bin");
    std::filesystem::create_directory(dir_.path() / "work");
    std::filesystem::copy_file(test::eorun_binary(), front_);
  }

  CommandResult run(const std::vector<std::string>& args) {
    return test::run_program(front_, args, dir_.path() / "work");
  }

  test::TempDir dir_;
  std::filesystem::path front_ = dir_.path() / "bin" / "eorun";
};

TEST_F(FrontAlone, HelpListsEveryCommandButTheInternalOnes) {
  const CommandResult help = run({"--help"});
  ASSERT_EQ(help.exit_code, 0) << help.err;
  for (const CommandInfo& info : kCommandInfos) {
    const std::string line = "  " + std::string(info.name) + " ";
    EXPECT_EQ(help.out.find(line) != std::string::npos, info.listing == Listing::shown)
        << info.name << " in:\n" << help.out;
    if (info.listing == Listing::shown) {
      EXPECT_NE(help.out.find(std::string(info.summary)), std::string::npos) << info.name;
    }
  }
  EXPECT_NE(help.out.find("--plugin-path"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("--registry"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("eorun FILE.lua ...    is eorun sweep FILE.lua ..."),
            std::string::npos) << help.out;
}

TEST_F(FrontAlone, VersionAndEveryCommandsHelp) {
  const CommandResult version = run({"--version"});
  EXPECT_EQ(version.exit_code, 0) << version.err;
  EXPECT_EQ(version.out, std::string(kEorunVersion) + "\n");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"run", "--help"}, {"sweep", "--help"}, {"plugins", "show", "--help"},
        {"data", "synth", "--help"}, {"reproduce", "-h"}, {"query", "--help"}}) {
    const CommandResult help = run(args);
    std::string usage = "Usage: eorun";
    for (std::size_t i = 0; i + 1 < args.size(); ++i) usage += " " + args[i];
    EXPECT_EQ(help.exit_code, 0) << usage << help.err;
    EXPECT_NE(help.out.find(usage), std::string::npos) << help.out;
  }
  const CommandResult run_help = run({"run", "--help"});
  EXPECT_NE(run_help.out.find("--loader-threads"), std::string::npos) << run_help.out;
  EXPECT_NE(run_help.out.find("Examples:"), std::string::npos) << run_help.out;
}

TEST_F(FrontAlone, UsageErrorsNameTheCommandsHelp) {
  const CommandResult missing = run({"run"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "eorun: error: config is required; see `eorun run --help`\n");
  const CommandResult extra = run({"sweep", "grid.lua", "--jobz", "2"});
  EXPECT_EQ(extra.exit_code, 2);
  EXPECT_NE(extra.err.find("--jobz; see `eorun sweep --help`"), std::string::npos) << extra.err;
  const CommandResult none = run({"data"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("see `eorun data --help`"), std::string::npos) << none.err;
}

TEST_F(FrontAlone, AnUnknownFirstWordListsTheCommands) {
  const CommandResult result = run({"trian", "quickstart.toml"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err.rfind("eorun: error: trian: not a command; use one of plugins, data, cache, run, ", 0), 0u)
      << result.err;
  EXPECT_NE(result.err.find("a run config (FILE.toml) or a sweep script (FILE.lua)"), std::string::npos)
      << result.err;
  EXPECT_EQ(result.err.find("worker"), std::string::npos) << result.err;
}

TEST_F(FrontAlone, EngineCommandsAreHandedToTheEngine) {
  const CommandResult result = run({"plugins"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("eorun-engine: cannot start the engine"), std::string::npos) << result.err;
}

TEST_F(FrontAlone, LinksNoLibTorch) {
  const std::string command = "ldd " + test::shell_quote(front_.string());
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  ASSERT_NE(pipe, nullptr);
  std::string libraries;
  char buffer[512];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0;) libraries.append(buffer, n);
  EXPECT_NE(libraries.find("libc.so"), std::string::npos) << libraries;
  for (const char* torch : {"libtorch", "libc10", "libgdal"})
    EXPECT_EQ(libraries.find(torch), std::string::npos) << torch << " in:\n" << libraries;
}

// With the engine beside it, as installed: a missing file stops before anything is written.
TEST(FrontMissingFile, ExitsTwoAndCreatesNothing) {
  for (const std::string name : {"missing.lua", "missing.toml"}) {
    test::TempDir dir;
    const CommandResult result = test::run_eorun({name, "--no-progress"}, dir.path());
    EXPECT_EQ(result.exit_code, 2) << name;
    const std::string what = name == "missing.lua" ? "sweep script" : "run config";
    EXPECT_EQ(result.err.rfind("eorun: error: " + name + ": no such " + what + "; check the path", 0), 0u)
        << result.err;
    EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << "no eorun.db, no runs/, no cache";
  }
}

}  // namespace
}  // namespace eorun
