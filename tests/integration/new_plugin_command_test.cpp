// `eorun new-plugin KIND NAME`: what it writes, and what it refuses. (Building and testing the
// written projects is tests/core/plugins/new_plugin_test.cmake.)
#include <gtest/gtest.h>

#include <fstream>

#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using test::CommandResult;
using test::run_eorun;

TEST(NewPlugin, WritesAProjectOfEachKindWithEveryPlaceholderFilledIn) {
  test::TempDir dir;
  for (const std::string kind : {"model", "dataset", "loss"}) {
    const std::string name = "my_" + kind + "_2";
    const CommandResult made = run_eorun({"new-plugin", kind, name}, dir.path());
    ASSERT_EQ(made.exit_code, 0) << made.err;
    EXPECT_NE(made.out.find("wrote the " + kind + " plugin project " + name), std::string::npos)
        << made.out;
    const std::filesystem::path project = dir.path() / name;
    for (const std::string file :
         {std::string("CMakeLists.txt"), std::string("README.md"), std::string("run_eorun.hpp"),
          std::string("load_test.cpp"), name + ".cpp", name + "_test.cpp"}) {
      const std::string text = test::read_text(project / file);
      ASSERT_FALSE(text.empty()) << kind << ": " << file;
      EXPECT_EQ(text.find("@NAME@"), std::string::npos) << kind << ": " << file;
      EXPECT_EQ(text.find("@CLASS@"), std::string::npos) << kind << ": " << file;
      EXPECT_EQ(text.find("@KIND@"), std::string::npos) << kind << ": " << file;
    }
    const std::string source = test::read_text(project / (name + ".cpp"));
    EXPECT_NE(source.find("EORUN_DECLARE_PLUGIN(eorun::" + kind + "_plugin(\"" + name + "\""),
              std::string::npos)
        << source;
    EXPECT_NE(test::read_text(project / "CMakeLists.txt")
                  .find("eorun_add_plugin(" + name + " KIND " + kind + " SOURCES " + name + ".cpp"),
              std::string::npos);
  }
  // The class name is the plugin name in CamelCase.
  EXPECT_NE(test::read_text(dir.path() / "my_model_2" / "my_model_2.cpp").find("class MyModel2 final"),
            std::string::npos);
  // No half-written project is left beside them.
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path()))
    ++entries;
  EXPECT_EQ(entries, 3u) << "the three projects, nothing else";
}

TEST(NewPlugin, RefusesABadNameAnExistingFolderAndAnUnknownKind) {
  test::TempDir dir;
  const CommandResult bad_name = run_eorun({"new-plugin", "model", "My-Net"}, dir.path());
  EXPECT_EQ(bad_name.exit_code, 2);
  EXPECT_NE(bad_name.err.find("eorun: error: plugin name 'My-Net': uses characters other than "
                              "a-z, 0-9 and _; choose a name such as my_net"),
            std::string::npos)
      << bad_name.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "My-Net"));

  std::filesystem::create_directories(dir.path() / "taken");
  std::ofstream(dir.path() / "taken" / "keep.txt") << "mine";
  const CommandResult taken =
      run_eorun({"new-plugin", "loss", "taken", "--dir", "taken"}, dir.path());
  EXPECT_EQ(taken.exit_code, 2);
  EXPECT_NE(taken.err.find("already exists and is not an empty folder; choose another --dir"),
            std::string::npos)
      << taken.err;
  EXPECT_EQ(test::read_text(dir.path() / "taken" / "keep.txt"), "mine") << "nothing is touched";

  const CommandResult kind = run_eorun({"new-plugin", "metric", "x"}, dir.path());
  EXPECT_EQ(kind.exit_code, 2);
  EXPECT_NE(kind.err.find("metric"), std::string::npos) << kind.err;
}

}  // namespace
}  // namespace eorun
