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

TEST(ProjectConfig, EnergyGridIntensityIsAPositiveNumber) {
  test::TempDir dir;
  EXPECT_EQ(load_project_config(dir.path()).grid_intensity, std::nullopt) << "no file";
  std::ofstream(dir.path() / "eorun.toml") << "[registry]\npath = \"x.db\"\n";
  EXPECT_EQ(load_project_config(dir.path()).grid_intensity, std::nullopt) << "no [energy]";
  std::ofstream(dir.path() / "eorun.toml") << "[energy]\ngrid_intensity = 350\n";
  EXPECT_EQ(load_project_config(dir.path()).grid_intensity, 350.0);
  std::ofstream(dir.path() / "eorun.toml") << "[energy]\ngrid_intensity = 56.5\n";
  EXPECT_EQ(load_project_config(dir.path()).grid_intensity, 56.5);
  std::ofstream(dir.path() / "eorun.toml") << "[energy]\n";
  EXPECT_EQ(load_project_config(dir.path()).grid_intensity, std::nullopt) << "an empty [energy]";
}

TEST(ProjectConfig, EnergyMistakesNameTheKeyTheProblemAndTheFix) {
  test::TempDir dir;
  const std::string file = (dir.path() / "eorun.toml").string();
  auto error_for = [&](const std::string& toml) {
    std::ofstream(dir.path() / "eorun.toml") << toml;
    try {
      load_project_config(dir.path());
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error_for("[energy]\ngrid_intensity = 0\n"),
            file + ": energy.grid_intensity: must be a number above 0 (grams of CO2-eq per kWh), "
                   "got 0; give your electricity's carbon intensity, e.g. grid_intensity = 350 "
                   "(g CO2-eq per kWh)");
  EXPECT_NE(error_for("[energy]\ngrid_intensity = -12.5\n").find("got -12.5;"), std::string::npos);
  EXPECT_NE(error_for("[energy]\ngrid_intensity = nan\n").find("got nan;"), std::string::npos);
  EXPECT_NE(error_for("[energy]\ngrid_intensity = inf\n").find("got inf;"), std::string::npos);
  EXPECT_EQ(error_for("[energy]\ngrid_intensity = \"350\"\n"),
            file + ": energy.grid_intensity: expected a number, got string \"350\"; e.g. "
                   "grid_intensity = 350 (g CO2-eq per kWh)");
  EXPECT_EQ(error_for("[energy]\nco2_per_kwh = 350\n"),
            file + ": energy.co2_per_kwh: unknown key; valid keys: grid_intensity");
  EXPECT_EQ(error_for("energy = 350\n"),
            file + ": [energy]: is not a table; write grid_intensity = ... under [energy]");
  EXPECT_EQ(error_for("[power]\ngrid_intensity = 350\n"),
            file + ": [power]: unknown section; valid sections: registry, paths, data, energy, slurm");
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
