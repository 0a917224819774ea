#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "eorun/error.hpp"
#include "support/temp_dir.hpp"
#include "sweep/sweep_plan.hpp"
#include "sweep/sweep_program.hpp"

namespace eorun {
namespace {

class Sweep : public ::testing::Test {
 protected:
  std::filesystem::path script(const std::string& text) {
    const auto path = dir_.path() / "sweep.lua";
    std::ofstream(path) << text;
    return path;
  }
  SweepPlan plan(const std::string& text, const std::vector<std::pair<std::string, nlohmann::json>>& overrides = {}) {
    SweepProgram program(script(text), {{"synth", "/data/synth"}});
    return expand_sweep(program, overrides, [](const nlohmann::json& spec) { return spec; });
  }
  // The error a script gives, as the CLI would print it.
  std::string error_of(const std::string& text, LuaLimits limits = {}) {
    try {
      SweepProgram program(script(text), {}, limits);
      expand_sweep(program, {}, [](const nlohmann::json& spec) { return spec; });
    } catch (const Error& e) {
      return e.what();
    }
    return "(no error)";
  }
  test::TempDir dir_;
};

const char* const kExample = R"lua(
return sweep {
  name = "rgb-vs-ms",
  base = {
    dataset = { plugin = "bigearthnet", root = data "synth", classes = 19 },
    model   = { plugin = "shortcnn" },
    train   = { epochs = 3, batch_size = 32 },
  },
  grid = {
    ["train.optimizer"] = { "adam", "sgd" },
    ["train.lr"]        = { 1e-3, 1e-4 },
    ["train.seed"]      = { 1, 2, 3 },
    ["dataset.bands"]   = { "rgb", "ms" },
  },
  filter = function(run) return not (run.train.optimizer == "sgd" and run.train.lr < 1e-3) end,
  derive = function(run) run.train.batch_size = run.dataset.bands == "ms" and 16 or 32 end,
}
)lua";

TEST_F(Sweep, GridFilterAndDeriveAsInTheExample) {
  SweepPlan p = plan(kExample);
  EXPECT_EQ(p.name, "rgb-vs-ms");
  ASSERT_EQ(p.runs.size() + p.filtered_out, 24u);
  EXPECT_EQ(p.filtered_out, 6u) << "sgd with lr 1e-4: 3 seeds x 2 band sets";
  for (const PlannedRun& run : p.runs) {
    const nlohmann::json& spec = run.spec;
    EXPECT_EQ(spec["dataset"]["root"], "/data/synth");
    EXPECT_EQ(spec["train"]["batch_size"], spec["dataset"]["bands"] == "ms" ? 16 : 32);
    EXPECT_FALSE(spec["train"]["optimizer"] == "sgd" && spec["train"]["lr"].get<double>() < 1e-3);
    EXPECT_EQ(spec["train"]["epochs"], 3);
  }
  // Keys in sorted order, the last varying fastest: dataset.bands, train.lr, train.optimizer, train.seed.
  EXPECT_EQ(p.runs[0].assignment, nlohmann::json({{"dataset.bands", "rgb"}, {"train.lr", 1e-3},
                                                  {"train.optimizer", "adam"}, {"train.seed", 1}}));
  EXPECT_EQ(p.runs[1].assignment["train.seed"], 2);
}

TEST_F(Sweep, SamePlanEveryTime) {
  SweepPlan a = plan(kExample);
  SweepPlan b = plan(kExample);
  ASSERT_EQ(a.runs.size(), b.runs.size());
  for (std::size_t i = 0; i < a.runs.size(); ++i) EXPECT_EQ(a.runs[i].spec, b.runs[i].spec);
}

TEST_F(Sweep, ZipPairsAndOverridesApplyToBase) {
  SweepPlan p = plan(R"lua(
return sweep {
  base = { train = { epochs = 5 } },
  zip = { ["train.lr"] = { 0.1, 0.01 }, ["train.batch_size"] = { 8, 64 } },
})lua", {{"train.epochs", 1}});
  ASSERT_EQ(p.runs.size(), 2u);
  EXPECT_EQ(p.runs[0].spec["train"]["batch_size"], 8);
  EXPECT_EQ(p.runs[1].spec["train"]["lr"], 0.01);
  EXPECT_EQ(p.runs[1].spec["train"]["epochs"], 1) << "--set overrides the base";
}

TEST_F(Sweep, ZipOfUnequalLengthsIsAnError) {
  EXPECT_NE(error_of(R"(return sweep { zip = { ["a.b"] = {1, 2}, ["a.c"] = {1} } })").find("equal lengths"),
            std::string::npos);
}

TEST_F(Sweep, RandomSamplesAreSeededAndInRange) {
  const std::string text = R"lua(
return sweep {
  random = { n = 20, seed = 7, space = {
    ["train.lr"] = loguniform(1e-5, 1e-1), ["train.seed"] = int_range(1, 3),
    ["train.optimizer"] = choice { "adam", "sgd" }, ["train.momentum"] = uniform(0.5, 0.9) } },
})lua";
  SweepPlan a = plan(text);
  SweepPlan b = plan(text);
  ASSERT_EQ(a.runs.size(), 20u);
  std::set<std::string> optimizers;
  for (std::size_t i = 0; i < a.runs.size(); ++i) {
    const nlohmann::json& train = a.runs[i].spec["train"];
    EXPECT_EQ(train, b.runs[i].spec["train"]) << "same seed, same samples";
    EXPECT_GE(train["lr"].get<double>(), 1e-5);
    EXPECT_LT(train["lr"].get<double>(), 1e-1);
    EXPECT_GE(train["seed"].get<int>(), 1);
    EXPECT_LE(train["seed"].get<int>(), 3);
    EXPECT_GE(train["momentum"].get<double>(), 0.5);
    optimizers.insert(train["optimizer"].get<std::string>());
  }
  EXPECT_EQ(optimizers.size(), 2u);
  std::string other = text;
  other.replace(other.find("seed = 7"), 8, "seed = 8");
  EXPECT_NE(plan(other).runs[0].spec["train"]["lr"], a.runs[0].spec["train"]["lr"]);
}

TEST_F(Sweep, MathRandomIsSeededFromTheSweepSeed) {
  const std::string text = R"lua(
return sweep { seed = 3, grid = { ["x.i"] = { 1, 2, 3 } },
  derive = function(run) run.x.r = math.random(1, 1000000) end })lua";
  SweepPlan a = plan(text);
  SweepPlan b = plan(text);
  ASSERT_EQ(a.runs.size(), 3u);
  EXPECT_EQ(a.runs[2].spec["x"]["r"], b.runs[2].spec["x"]["r"]);
  EXPECT_NE(a.runs[0].spec["x"]["r"], a.runs[1].spec["x"]["r"]);
}

TEST_F(Sweep, UnknownDataRootListsKnownOnes) {
  const std::string message = error_of("return sweep { base = { dataset = { root = data \"nope\" } } }\n");
  EXPECT_NE(message.find("sweep.lua:1"), std::string::npos) << message;
  EXPECT_NE(message.find("unknown data root 'nope'"), std::string::npos) << message;
}

TEST_F(Sweep, SyntaxErrorNamesFileAndLine) {
  const std::string message = error_of("return sweep {\n  name = 'x',\n  grid = { [\"a\"] = { 1, 2 }\n");
  EXPECT_NE(message.find("sweep.lua:4"), std::string::npos) << message;
}

TEST_F(Sweep, RuntimeErrorInFilterHasFileLineAndTraceback) {
  const std::string message = error_of(
      "return sweep {\n  grid = { [\"train.lr\"] = { 1 } },\n"
      "  filter = function(run)\n    return run.train.nothing.deeper\n  end,\n}\n");
  EXPECT_NE(message.find("sweep.lua:4: attempt to index a nil value"), std::string::npos) << message;
  EXPECT_NE(message.find("stack traceback"), std::string::npos) << message;
}

TEST_F(Sweep, SandboxRefusesEscapes) {
  for (const char* escape : {"os.execute('touch /tmp/eorun-escaped')", "io.open('/etc/passwd')",
                             "require('os')", "dofile('/etc/passwd')", "load('return 1')",
                             "debug.getinfo(1)", "package.loadlib('x', 'y')"}) {
    const std::string message = error_of(std::string("local x = ") + escape + "\nreturn sweep {}\n");
    EXPECT_NE(message.find("sweep.lua:1: undeclared global"), std::string::npos) << escape << ": " << message;
  }
}

TEST_F(Sweep, TypoInAGlobalFailsLoudly) {
  const std::string message = error_of("optimzer = 'adam'\nreturn sweep {}\n");
  EXPECT_NE(message.find("sweep.lua:1: assignment to undeclared global 'optimzer'"), std::string::npos) << message;
}

TEST_F(Sweep, RunawayScriptIsStopped) {
  LuaLimits small;
  small.instructions = 1'000'000;
  const std::string message = error_of("while true do end\n", small);
  EXPECT_NE(message.find("instruction budget exhausted"), std::string::npos) << message;
}

TEST_F(Sweep, UnknownSweepFieldIsNamed) {
  const std::string message = error_of("return sweep { grids = {} }\n");
  EXPECT_NE(message.find("unknown field 'grids'"), std::string::npos) << message;
}

TEST_F(Sweep, BinaryChunksAreRefused) {
  const auto path = dir_.path() / "sweep.lua";
  std::ofstream(path, std::ios::binary) << "\x1bLua\x54";
  try {
    SweepProgram program(path, {});
    FAIL() << "a binary chunk was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("binary"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace eorun
