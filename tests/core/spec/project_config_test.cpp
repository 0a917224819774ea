#include "spec/project_config.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "eorun/error.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

TEST(ProjectConfig, DefaultsWithoutAFile) {
  test::TempDir dir;
  ProjectConfig config = load_project_config(dir.path());
  EXPECT_FALSE(config.file.has_value());
  EXPECT_EQ(config.registry, dir.path() / "eorun.db");
  EXPECT_EQ(config.runs_dir, dir.path() / "runs");
  EXPECT_EQ(config.cache_dir, dir.path() / ".eorun-cache");
}

TEST(ProjectConfig, FoundInAParentAndRelativeToIt) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.path() / "a/b");
  std::ofstream(dir.path() / "eorun.toml") << "[registry]\npath = \"db/exp.db\"\n"
                                              "[paths]\nruns = \"out/runs\"\n"
                                              "[data]\nsynth = \"data/synth\"\n";
  ProjectConfig config = load_project_config(dir.path() / "a/b");
  ASSERT_TRUE(config.file.has_value());
  EXPECT_EQ(config.registry, dir.path() / "db/exp.db");
  EXPECT_EQ(config.runs_dir, dir.path() / "out/runs");
  EXPECT_EQ(config.data_roots.at("synth"), dir.path() / "data/synth");
}

TEST(ProjectConfig, UnknownKeyNamesTheValidOnes) {
  test::TempDir dir;
  std::ofstream(dir.path() / "eorun.toml") << "[registry]\nfile = \"x.db\"\n";
  try {
    load_project_config(dir.path());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("registry.file: unknown key; valid keys: path"), std::string::npos)
        << e.what();
  }
}

TEST(ProjectConfig, SyntaxErrorNamesFileAndLine) {
  test::TempDir dir;
  std::ofstream(dir.path() / "eorun.toml") << "[registry]\npath = \n";
  try {
    load_project_config(dir.path());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(e.subject().find("eorun.toml:2:"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace eorun
