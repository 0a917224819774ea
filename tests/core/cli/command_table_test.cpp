// The command table and how a command line is routed by it, in-process (the front's side).
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <gtest/gtest.h>

#include "cli/command_line.hpp"
#include "cli/command_table.hpp"
#include "cli/command_word.hpp"
#include "cli/global_options.hpp"
#include "eorun/error.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using Args = std::vector<std::string>;

const CommandInfo& info_of(std::string_view name) {
  for (const CommandInfo& info : kCommandInfos)
    if (info.name == name) return info;
  throw std::runtime_error("no command " + std::string(name));
}

TEST(CommandTable, NamesAndFileSpellingsAreUnique) {
  std::set<std::string_view> names;
  std::set<std::string_view> suffixes;
  for (const CommandInfo& info : kCommandInfos) {
    EXPECT_TRUE(names.insert(info.name).second) << info.name;
    EXPECT_FALSE(info.summary.empty()) << info.name;
    if (info.file.suffix.empty()) continue;
    EXPECT_EQ(info.file.suffix.front(), '.') << info.name;
    EXPECT_FALSE(info.file.what.empty()) << info.name;
    EXPECT_TRUE(suffixes.insert(info.file.suffix).second) << info.file.suffix;
  }
}

TEST(CommandTable, RegistryCommandsRunInTheFrontAndTheRestInTheEngine) {
  for (const CommandInfo& info : kCommandInfos) {
    const bool registry_command = info.name == "query" || info.name == "show" || info.name == "report";
    EXPECT_EQ(info.host, registry_command ? Host::front : Host::engine) << info.name;
    EXPECT_TRUE(serves(Host::engine, info.host)) << info.name;
  }
  EXPECT_EQ(info_of("worker").listing, Listing::hidden);
  EXPECT_EQ(info_of("run").file.suffix, ".toml");
  EXPECT_EQ(info_of("sweep").file.suffix, ".lua");
}

class CommandWord : public ::testing::Test {
 protected:
  CommandWord() { declare_global_options(app_, context_); }

  Args resolve(const Args& args) { return with_command_word(app_, args); }

  // The eorun::Error `args` throw, "" when none.
  std::string error_of(const Args& args) {
    try {
      resolve(args);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }

  std::string file(const std::string& name) {
    const std::string path = (dir_.path() / name).string();
    std::ofstream(path) << "-- test\n";
    return path;
  }

  AppContext context_;
  CLI::App app_;
  test::TempDir dir_;
};

TEST_F(CommandWord, ACommandOrNoWordLeavesTheArgumentsAlone) {
  for (const Args& args : {Args{}, Args{"--help"}, Args{"--version"}, Args{"sweep", "x.lua"},
                           Args{"--registry", "run", "query"}, Args{"--plugin-path=a:b", "plugins"},
                           Args{"worker", "--channel-fd", "3"}, Args{"--unknown", "x.lua"}})
    EXPECT_EQ(resolve(args), args);
}

TEST_F(CommandWord, AFileFirstGetsItsCommandPutBeforeIt) {
  const std::string script = file("grid.lua");
  const std::string config = file("one.toml");
  EXPECT_EQ(resolve({script, "--jobs", "2"}), (Args{"sweep", script, "--jobs", "2"}));
  EXPECT_EQ(resolve({config}), (Args{"run", config}));
  EXPECT_EQ(resolve({"--registry", "x.db", "--plugin-path", "p", config, "--no-progress"}),
            (Args{"--registry", "x.db", "--plugin-path", "p", "run", config, "--no-progress"}));
  EXPECT_EQ(resolve({"--registry=x.db", script}), (Args{"--registry=x.db", "sweep", script}));
}

TEST_F(CommandWord, AMissingFileIsNamedWithItsCommand) {
  EXPECT_EQ(error_of({"nope.lua"}),
            "nope.lua: no such sweep script; check the path (`eorun FILE.lua` runs `eorun sweep "
            "FILE.lua`)");
  EXPECT_EQ(error_of({"--registry", "x.db", "nope.toml", "--no-progress"}),
            "nope.toml: no such run config; check the path (`eorun FILE.toml` runs `eorun run "
            "FILE.toml`)");
}

TEST_F(CommandWord, AnUnknownWordListsTheCommands) {
  const std::string message = error_of({"trian", "x.toml"});
  EXPECT_EQ(message.rfind("trian: not a command; use one of ", 0), 0u) << message;
  for (const CommandInfo& info : kCommandInfos)
    EXPECT_EQ(message.find(std::string(info.name)) != std::string::npos,
              info.listing == Listing::shown)
        << info.name << " in: " << message;
  EXPECT_NE(message.find("a run config (FILE.toml) or a sweep script (FILE.lua)"),
            std::string::npos) << message;
  EXPECT_NE(message.find("see `eorun --help`"), std::string::npos) << message;
}

// The front's command line: what it runs itself and what it hands over.
class FrontCommandLine : public ::testing::Test {
 protected:
  Outcome run(Args args) {
    args.insert(args.begin(), "eorun");
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    AppContext context;
    CommandLine cli(context);
    declare_commands<Host::front>(cli);
    return cli.run(static_cast<int>(argv.size()), argv.data());
  }

  test::TempDir dir_;
};

TEST_F(FrontCommandLine, EngineCommandsAreParsedThenHandedOver) {
  const std::string script = (dir_.path() / "grid.lua").string();
  std::ofstream(script) << "-- test\n";
  for (const Args& args : {Args{"run", "x.toml"}, Args{"plugins", "show", "shortcnn"},
                           Args{"data", "synth", "--dataset", "bigearthnet", "--out", "d"},
                           Args{"new-plugin", "model", "mynet"}, Args{script, "--jobs", "2"},
                           Args{"worker", "--channel-fd", "3", "--runs-dir", "r", "--cache-dir", "c"}}) {
    const Outcome outcome = run(args);
    EXPECT_TRUE(outcome.hand_over) << args.front();
    EXPECT_EQ(outcome.exit_code, 0) << args.front();
  }
}

TEST_F(FrontCommandLine, HelpVersionUsageErrorsAndRegistryCommandsStayHere) {
  const std::string db = (dir_.path() / "none.db").string();
  for (const Args& args : {Args{"--help"}, Args{"--version"}, Args{"run", "--help"},
                           Args{"plugins", "show", "--help"}})
    EXPECT_EQ(run(args).exit_code, 0) << args.front();
  for (const Args& args : {Args{"run"}, Args{"sweep", "x.lua", "--jobz", "2"}, Args{"data"},
                           Args{"trian"}, Args{"nope.lua"}, Args{"--registry", db, "query"}}) {
    const Outcome outcome = run(args);
    EXPECT_FALSE(outcome.hand_over) << args.front();
    EXPECT_EQ(outcome.exit_code, static_cast<int>(ExitCode::bad_input)) << args.front();
  }
  EXPECT_FALSE(std::filesystem::exists(db)) << "query reads; it creates no registry";
}

}  // namespace
}  // namespace eorun
