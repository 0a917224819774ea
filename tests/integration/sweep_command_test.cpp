// End-to-end sweeps: the real binary, real plugins, a real registry.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "registry/registry.hpp"
#include "registry/sqlite_db.hpp"
#include "registry/sqlite_stmt.hpp"
#include "support/run_eorun.hpp"
#include "support/running_eorun.hpp"
#include "support/temp_dir.hpp"
#include "util/local_process.hpp"

namespace eorun {
namespace {

using test::CommandResult;
using test::run_eorun;

class SweepCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    ASSERT_EQ(run_eorun({"data", "synth", "--dataset", "bigearthnet", "--out", "data/synth", "--patches", "30", "--seed", "4"}, dir_->path())
                  .exit_code, 0);
    std::ofstream(dir_->path() / "eorun.toml") << "[data]\nsynth = \"data/synth\"\n";
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::filesystem::path write_script(const std::string& name, const std::string& text) {
    const auto path = dir_->path() / name;
    std::ofstream(path) << text;
    return path;
  }
  static std::string four_runs(const std::string& name) {
    return "return sweep {\n  name = \"" + name + "\",\n"
           "  base = {\n"
           "    dataset = { plugin = \"bigearthnet\", root = data \"synth\", classes = 19 },\n"
           "    model = { plugin = \"shortcnn\" }, loss = { plugin = \"bce\" },\n"
           "    train = { epochs = 1, batch_size = 8 },\n"
           "  },\n"
           "  grid = { [\"train.seed\"] = { 1, 2 }, [\"train.lr\"] = { 1e-3, 1e-2 } },\n"
           "}\n";
  }
  // The log line of a run handed to a worker: "  <run id prefix> started in worker process <pid>".
  static constexpr const char* kHandedOut = " started in worker process ";
  static pid_t worker_of(const std::string& line) {
    return static_cast<pid_t>(std::stol(line.substr(line.find(kHandedOut) + std::strlen(kHandedOut))));
  }
  static std::string run_of(const std::string& line) { return line.substr(line.find_first_not_of(' '), 12); }
  static void expect_registry_intact() {
    sqlite::Db db = sqlite::Db::open(dir_->path() / "eorun.db", sqlite::Db::Mode::read_write);
    sqlite::Stmt check = db.prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check.step());
    EXPECT_EQ(check.column_text(0), "ok");
  }
  static std::size_t run_count() {
    if (!std::filesystem::exists(dir_->path() / "eorun.db")) return 0;
    return Registry::open(dir_->path() / "eorun.db").run_count();
  }
  static test::TempDir* dir_;
};

test::TempDir* SweepCommand::dir_ = nullptr;

TEST_F(SweepCommand, DryRunThenRunThenEverythingCached) {
  const auto script = write_script("four.lua", four_runs("four"));
  CommandResult dry = run_eorun({"sweep", script.string(), "--dry-run"}, dir_->path());
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("sweep four: 4 runs (0 done, 4 to run, 0 to retry)"), std::string::npos) << dry.out;
  EXPECT_EQ(run_count(), 0u) << "a dry run trains nothing";

  CommandResult run = run_eorun({"sweep", script.string(), "--no-progress"}, dir_->path());
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("4 runs: 4 completed, 0 cached, 0 failed"), std::string::npos) << run.out;
  EXPECT_EQ(run_count(), 4u);

  CommandResult again = run_eorun({"sweep", script.string()}, dir_->path());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("4 runs: 0 completed, 4 cached"), std::string::npos) << again.out;
  EXPECT_EQ(run_count(), 4u) << "no run is recorded twice";

  CommandResult listed = run_eorun({"sweep", script.string(), "--dry-run"}, dir_->path());
  EXPECT_NE(listed.out.find("(4 done, 0 to run, 0 to retry)"), std::string::npos) << listed.out;

  Registry registry = Registry::open(dir_->path() / "eorun.db");
  EXPECT_TRUE(registry.resolve_sweep("four").has_value()) << "the sweep is recorded by name";
}

TEST_F(SweepCommand, TwoWorkersRunEveryRunOnce) {
  const std::size_t before = run_count();
  const auto script = write_script("jobs.lua", four_runs("jobs"));
  CommandResult run = run_eorun({"sweep", script.string(), "--jobs", "2", "--set", "train.batch_size=6"},
                                dir_->path());
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("4 runs: 4 completed"), std::string::npos) << run.out;
  EXPECT_EQ(run_count(), before + 4);
  // Workers are long-lived: four runs go to at most two worker processes. A run trained by a
  // worker that had trained another run before gives the same weights, bit for bit, as the run
  // on its own: nothing of the earlier run carries over.
  std::set<pid_t> workers;
  std::size_t handed_out = 0;
  std::size_t reproduced = 0;
  std::istringstream lines(run.err);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(kHandedOut) == std::string::npos) continue;
    ++handed_out;
    if (workers.insert(worker_of(line)).second) continue;
    CommandResult same = run_eorun({"reproduce", run_of(line), "--no-progress"}, dir_->path());
    EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
    EXPECT_NE(same.out.find("reproduced bit for bit"), std::string::npos) << same.out;
    ++reproduced;
  }
  EXPECT_EQ(handed_out, 4u) << run.err;
  EXPECT_LE(workers.size(), 2u) << run.err;
  EXPECT_GE(reproduced, 2u) << run.err;
  expect_registry_intact();
}

TEST_F(SweepCommand, AfterKillMinusNineTheSameCommandFinishesOnlyWhatIsMissing) {
  const std::size_t before = run_count();
  const auto script = write_script("killed.lua", four_runs("killed"));
  {
    test::RunningEorun sweep({"sweep", script.string(), "--set", "train.epochs=3", "--no-progress"},
                             dir_->path());
    ASSERT_TRUE(sweep.wait_for("[1/4]")) << sweep.err();
    sweep.signal(SIGKILL);  // mid-way through the second run
    const int status = sweep.wait();
    ASSERT_TRUE(WIFSIGNALED(status));
  }
  const std::size_t after_kill = run_count();
  EXPECT_GE(after_kill, before + 1);
  EXPECT_LT(after_kill, before + 4);
  // What a run killed while writing its bundle leaves (the kill above may come before or after
  // the second run's staging folder exists): the folder of a process of this host that is gone.
  const pid_t gone = ::fork();
  if (gone == 0) ::_exit(0);
  ::waitpid(gone, nullptr, 0);
  const auto abandoned =
      dir_->path() / "runs" / (".staging-" + std::string(64, 'a') + "-" + host_name() + "-" + std::to_string(gone));
  std::filesystem::create_directories(abandoned);

  CommandResult again = run_eorun({"sweep", script.string(), "--set", "train.epochs=3", "--no-progress"},
                                  dir_->path());
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(again.out.find(std::to_string(after_kill - before) + " cached"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("0 claimed by another process"), std::string::npos)
      << "the dead coordinator's claim is taken over at once\n" << again.out;
  EXPECT_EQ(run_count(), before + 4) << "every run exactly once";
  EXPECT_FALSE(std::filesystem::exists(abandoned)) << "a killed run's staging folder is removed";
  expect_registry_intact();
}

TEST_F(SweepCommand, TwoCoordinatorsAtOnceShareTheWorkWithoutLockErrors) {
  const std::size_t before = run_count();
  const auto script = write_script("shared.lua", four_runs("shared"));
  const std::vector<std::string> args = {"sweep", script.string(), "--set", "train.epochs=2", "--no-progress"};
  test::RunningEorun first(args, dir_->path());
  test::RunningEorun second(args, dir_->path());
  const int first_status = first.wait();
  const int second_status = second.wait();
  ASSERT_TRUE(WIFEXITED(first_status) && WIFEXITED(second_status));
  EXPECT_EQ(WEXITSTATUS(first_status), 0) << first.err();
  EXPECT_EQ(WEXITSTATUS(second_status), 0) << second.err();
  for (const std::string& err : {first.err(), second.err()})
    EXPECT_EQ(err.find("locked"), std::string::npos) << err;
  EXPECT_EQ(run_count(), before + 4) << "together they ran every run exactly once";
  CommandResult again = run_eorun({"sweep", script.string(), "--set", "train.epochs=2"}, dir_->path());
  EXPECT_NE(again.out.find("0 completed, 4 cached"), std::string::npos) << again.out;
}

TEST_F(SweepCommand, AKilledWorkerFailsItsRunWhichTheNextCommandRetries) {
  const std::size_t before = run_count();
  const auto script = write_script("worker.lua", four_runs("worker"));
  const std::vector<std::string> args = {"sweep", script.string(), "--jobs", "2", "--set", "train.epochs=4"};
  test::RunningEorun sweep(args, dir_->path());
  const std::string line = sweep.wait_for_line(kHandedOut);
  ASSERT_FALSE(line.empty()) << sweep.err();
  ::kill(worker_of(line), SIGKILL);
  const int status = sweep.wait();
  ASSERT_TRUE(WIFEXITED(status)) << sweep.err();
  EXPECT_EQ(WEXITSTATUS(status), 1) << "a failed run makes the sweep exit 1\n" << sweep.err();
  EXPECT_NE(sweep.err().find("killed by signal 9"), std::string::npos) << sweep.err();
  EXPECT_EQ(run_count(), before + 4) << "the killed run is recorded as failed";

  CommandResult again = run_eorun({"sweep", script.string(), "--jobs", "2", "--set", "train.epochs=4"}, dir_->path());
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(again.out.find("1 completed, 3 cached"), std::string::npos) << again.out;
  EXPECT_EQ(run_count(), before + 4);
}

TEST_F(SweepCommand, ARunWhoseDataCannotBeOpenedIsRecordedAsFailedAndTheOthersGoOn) {
  const std::size_t before = run_count();
  const auto script = write_script(
      "baddata.lua",
      "return sweep {\n  name = \"baddata\",\n"
      "  base = {\n"
      "    dataset = { plugin = \"bigearthnet\", classes = 19 },\n"
      "    model = { plugin = \"shortcnn\" }, loss = { plugin = \"bce\" },\n"
      "    train = { epochs = 1, batch_size = 8, seed = 77 },\n"
      "  },\n"
      "  grid = { [\"dataset.root\"] = { data \"synth\", \"no-such-archive\" } },\n"
      "}\n");
  CommandResult dry = run_eorun({"sweep", script.string(), "--dry-run"}, dir_->path());
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("data error"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("will be recorded as failed: dataset.root: folder '"), std::string::npos)
      << dry.out;

  CommandResult run = run_eorun({"sweep", script.string()}, dir_->path());
  EXPECT_EQ(run.exit_code, 1) << "a failed run makes the sweep exit 1\n" << run.out << run.err;
  EXPECT_NE(run.out.find("2 runs: 1 completed, 0 cached, 1 failed"), std::string::npos)
      << run.out << run.err;
  const std::string log = run.out + run.err;
  EXPECT_NE(log.find("no-such-archive' does not exist"), std::string::npos) << log;
  EXPECT_EQ(run_count(), before + 2) << "both runs are recorded, the bad one as failed";
  expect_registry_intact();
}

TEST_F(SweepCommand, CtrlCStopsTheWorkersAndRecordsTheirRunsAsInterrupted) {
  const auto script = write_script("stopped.lua", four_runs("stopped"));
  test::RunningEorun sweep({"sweep", script.string(), "--jobs", "2", "--set", "train.epochs=200"}, dir_->path());
  const std::vector<std::string> started = sweep.wait_for_lines(kHandedOut, 2);
  ASSERT_EQ(started.size(), 2u) << sweep.err();
  std::vector<pid_t> workers;
  for (const std::string& line : started) workers.push_back(worker_of(line));
  sweep.signal(SIGINT);
  const int status = sweep.wait();
  ASSERT_TRUE(WIFEXITED(status)) << sweep.err();
  EXPECT_EQ(WEXITSTATUS(status), 130) << sweep.err();
  for (pid_t worker : workers) EXPECT_NE(::kill(worker, 0), 0) << "worker " << worker << " still runs";
  Registry registry = Registry::open(dir_->path() / "eorun.db");
  const auto sweep_id = registry.resolve_sweep("stopped");
  ASSERT_TRUE(sweep_id.has_value());
  std::size_t interrupted = 0;
  for (const auto& [id, run_status] : registry.run_statuses(registry.sweep_run_ids(*sweep_id)))
    interrupted += run_status == RunStatus::interrupted ? 1 : 0;
  EXPECT_EQ(interrupted, 2u) << "the two runs in flight are recorded as interrupted\n" << sweep.err();
}

// `eorun FILE.lua`, as the README spells it, is `eorun sweep FILE.lua`.
TEST_F(SweepCommand, AScriptAsTheFirstWordRunsTheSweep) {
  const std::size_t before = run_count();
  std::string text = four_runs("file-first");
  text.replace(text.find("{ 1, 2 }"), 8, "{ 5 }");
  text.replace(text.find("{ 1e-3, 1e-2 }"), 14, "{ 1e-3 }");
  write_script("file-first.lua", text);
  CommandResult run = run_eorun({"file-first.lua", "--no-progress"}, dir_->path());
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("sweep file-first: 1 runs: 1 completed"), std::string::npos) << run.out;
  EXPECT_EQ(run_count(), before + 1);
}

TEST_F(SweepCommand, BadScriptsAreBadInputAndChangeNothing) {
  struct Case {
    const char* script;
    const char* expected;
  };
  const Case cases[] = {
      {"return sweep {\n  name = 'x'\n  grid = {}\n}\n", "bad.lua:3:"},
      {"local ok = os.execute('true')\nreturn sweep {}\n", "bad.lua:1: undeclared global 'os'"},
      {"local f = io.open('/etc/passwd')\nreturn sweep {}\n", "bad.lua:1: undeclared global 'io'"},
      {"local m = require('x')\nreturn sweep {}\n", "bad.lua:1: undeclared global 'require'"},
      {"return sweep { base = { model = { plugin = 'shortcnn' } },\n"
       "  grid = { ['model.depth'] = { 1, 2 } } }\n",
       "model.depth: unknown key"},
      {"return sweep { base = { dataset = { plugin = 'bigearthnet', root = data 'synth' },\n"
       "  model = { plugin = 'shortcnn' }, loss = { plugin = 'bce' } },\n"
       "  filter = function(run) return run.x.y end }\n",
       "bad.lua:3: attempt to index"},
      {"while true do end\n", "instruction budget exhausted"},
  };
  for (const Case& c : cases) {
    const std::size_t before = run_count();
    const auto script = write_script("bad.lua", c.script);
    CommandResult run = run_eorun({"sweep", script.string()}, dir_->path());
    EXPECT_EQ(run.exit_code, 2) << c.script << "\n" << run.err;
    EXPECT_NE(run.err.find(c.expected), std::string::npos) << c.script << "\n" << run.err;
    EXPECT_EQ(run_count(), before);
  }
}

}  // namespace
}  // namespace eorun
