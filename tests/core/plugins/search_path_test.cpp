// Where plugins are looked for, in which order, and which files of a folder are loaded.
#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

#include "core/plugins/fixture_plugins.hpp"
#include "support/temp_dir.hpp"
#include "plugins/catalogue.hpp"
#include "plugins/search_path.hpp"

namespace eorun {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

// Sets EORUN_PLUGIN_PATH for one test and restores the previous value.
class ScopedPluginPath {
 public:
  explicit ScopedPluginPath(const char* value) {
    if (const char* old = std::getenv(kName)) old_ = old;
    ::setenv(kName, value, 1);
  }
  ~ScopedPluginPath() {
    if (old_.empty())
      ::unsetenv(kName);
    else
      ::setenv(kName, old_.c_str(), 1);
  }

 private:
  static constexpr const char* kName = "EORUN_PLUGIN_PATH";
  std::string old_;
};

void touch(const fs::path& path) { std::ofstream(path) << "not a library\n"; }

TEST(DefaultSearchPath, ExeFolderThenInstallFolderThenEnvironmentThenExtra) {
  ScopedPluginPath env("/env/a::/env/b");
  const std::vector<fs::path> path = Catalogue::default_search_path({"/extra/c", ""});
  const fs::path exe_dir = fs::read_symlink("/proc/self/exe").parent_path();
  ASSERT_EQ(path.size(), 5u);
  EXPECT_EQ(path[0], exe_dir / "plugins");
  EXPECT_EQ(path[1].filename(), "plugins");
  EXPECT_EQ(path[1].parent_path().filename(), "eorun");
  EXPECT_NE(path[1], path[0]);
  EXPECT_EQ(path[1], path[1].lexically_normal());
  EXPECT_EQ(path[2], "/env/a");  // empty entries of the variable are ignored
  EXPECT_EQ(path[3], "/env/b");
  EXPECT_EQ(path[4], "/extra/c");
}

TEST(DefaultSearchPath, UnsetOrEmptyEnvironmentAddsNothing) {
  ScopedPluginPath env("");
  EXPECT_EQ(Catalogue::default_search_path({}).size(), 2u);
}

TEST(PluginFiles, EverySoFileOfAFolderSortedByName) {
  TempDir dir;
  touch(dir.path() / "b.so");
  touch(dir.path() / "a.so");
  touch(dir.path() / "c.txt");
  touch(dir.path() / "d.so.1");
  fs::create_directory(dir.path() / "e.so");  // a folder, not a library
  const std::vector<fs::path> files = plugin_files(dir.path());
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0], dir.path() / "a.so");
  EXPECT_EQ(files[1], dir.path() / "b.so");
}

TEST(PluginFiles, MissingFolderIsSkipped) {
  EXPECT_TRUE(plugin_files("/does/not/exist/eorun-plugins").empty());
}

TEST(PluginFiles, AFileOrAMissingSoIsLoadedAsNamed) {
  EXPECT_EQ(plugin_files(test::fixture_plugin("tiny_model")),
            std::vector<fs::path>{test::fixture_plugin("tiny_model")});
  EXPECT_EQ(plugin_files("/does/not/exist/x.so"), std::vector<fs::path>{"/does/not/exist/x.so"});
}

TEST(Discover, MissingFoldersAreSkippedSilently) {
  Catalogue catalogue = Catalogue::discover({"/does/not/exist/a", "/does/not/exist/b"});
  EXPECT_TRUE(catalogue.plugins().empty());
  EXPECT_TRUE(catalogue.refused().empty());
}

TEST(Discover, FixtureFolderLoadsTheGoodOneAndRefusesTheRestInNameOrder) {
  Catalogue catalogue = Catalogue::discover({test::fixture_plugin_dir()});
  ASSERT_EQ(catalogue.plugins().size(), 1u);
  EXPECT_EQ(catalogue.plugins()[0].path, test::fixture_plugin("tiny_model"));
  // Every other fixture is refused, in file-name order, and the runtime is still here.
  const std::vector<std::string> refused_names = {
      "abi1",           "bad_bounds",      "bad_name",        "bad_param",
      "bad_param_json", "default_out_of_bounds", "no_entry", "no_factory",
      "synth_on_model", "throwing_init",   "throwing_init_unknown",
      "tiny_model_twin", "unknown_kind",   "wrong_abi",       "wrong_descriptor_size",
      "wrong_torch"};
  ASSERT_EQ(catalogue.refused().size(), refused_names.size());
  for (std::size_t i = 0; i < refused_names.size(); ++i) {
    EXPECT_EQ(catalogue.refused()[i].path, test::fixture_plugin(refused_names[i]));
    EXPECT_EQ(catalogue.refused()[i].message.rfind(
                  "plugin " + test::fixture_plugin(refused_names[i]).string() + ": ", 0),
              0u)
        << catalogue.refused()[i].message;
  }
}

TEST(Discover, AFolderListedTwiceIsLoadedOnce) {
  Catalogue catalogue =
      Catalogue::discover({test::fixture_plugin_dir(), test::fixture_plugin_dir()});
  EXPECT_EQ(catalogue.plugins().size(), 1u);
  EXPECT_EQ(catalogue.refused().size(), 16u);
}

TEST(Discover, FirstFolderWinsANameClash) {
  TempDir dir;
  fs::copy_file(test::fixture_plugin("tiny_model_twin"), dir.path() / "a_twin.so");
  Catalogue catalogue = Catalogue::discover({dir.path(), test::fixture_plugin("tiny_model")});
  ASSERT_EQ(catalogue.plugins().size(), 1u);
  EXPECT_EQ(catalogue.plugins()[0].path, fs::canonical(dir.path() / "a_twin.so"));
  ASSERT_EQ(catalogue.refused().size(), 1u);
  EXPECT_EQ(catalogue.refused()[0].path, test::fixture_plugin("tiny_model"));
}

}  // namespace
}  // namespace eorun
