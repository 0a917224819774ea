// Each rule of the plugin contract, broken by one fixture: refused with its own message naming
// the file, what was found and what was expected; nothing is added and nothing crashes.
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/plugins/fixture_plugins.hpp"
#include "support/temp_dir.hpp"
#include "plugins/catalogue.hpp"

namespace eorun {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// The message a fresh catalogue gives when it refuses `path`; the test fails if it loads.
std::string refusal_of(const std::filesystem::path& path) {
  Catalogue catalogue;
  std::optional<RefusedPlugin> refused = catalogue.load(path);
  EXPECT_TRUE(refused.has_value()) << path << " was loaded";
  EXPECT_TRUE(catalogue.plugins().empty());
  EXPECT_EQ(catalogue.refused().size(), 1u);
  if (!refused) return {};
  EXPECT_EQ(refused->path, path);
  EXPECT_THAT(refused->message, StartsWith("plugin " + path.string() + ": "));
  return refused->message;
}

std::string fixture_refusal(const std::string& name) {
  return refusal_of(test::fixture_plugin(name));
}

TEST(PluginRefusal, FileNotFound) {
  EXPECT_EQ(refusal_of("/does/not/exist/x.so"),
            "plugin /does/not/exist/x.so: file not found; check the path given to "
            "--plugin-path or EORUN_PLUGIN_PATH");
}

TEST(PluginRefusal, NotAFile) {
  EXPECT_THAT(refusal_of(std::filesystem::canonical(test::fixture_plugin_dir())),
              HasSubstr(": is not a file;"));
}

TEST(PluginRefusal, NotALibraryGivesTheLoadersReason) {
  test::TempDir dir;
  const std::filesystem::path path = std::filesystem::canonical(dir.path()) / "garbage.so";
  std::ofstream(path) << "this is not an ELF file, it is long enough to have a header though\n";
  const std::string message = refusal_of(path);
  EXPECT_THAT(message, HasSubstr(": cannot be loaded: "));
  EXPECT_THAT(message, HasSubstr("invalid ELF header"));
  EXPECT_THAT(message, HasSubstr("ldd " + path.string()));
}

TEST(PluginRefusal, MissingEntrySymbol) {
  EXPECT_THAT(fixture_refusal("no_entry"),
              HasSubstr(": no entry point: symbol `eorun_plugin_entry` not found (is this an "
                        "eorun plugin?); export the descriptor with EORUN_PLUGIN(...)"));
}

TEST(PluginRefusal, WrongAbiVersion) {
  const std::filesystem::path path = test::fixture_plugin("wrong_abi");
  EXPECT_EQ(refusal_of(path), "plugin " + path.string() +
                                  ": wrong ABI version: got 99, this eorun supports 3; rebuild "
                                  "the plugin against this eorun SDK");
}

TEST(PluginRefusal, APluginBuiltAgainstAbi1IsRefusedByItsVersion) {
  const std::filesystem::path path = test::fixture_plugin("abi1");
  EXPECT_EQ(refusal_of(path), "plugin " + path.string() +
                                  ": wrong ABI version: got 1, this eorun supports 3; rebuild "
                                  "the plugin against this eorun SDK");
}

TEST(PluginRefusal, WrongDescriptorSize) {
  const std::string expected = ": wrong descriptor size: got " +
                               std::to_string(sizeof(PluginDescriptor) - 8) +
                               " bytes, this eorun expects " +
                               std::to_string(sizeof(PluginDescriptor));
  EXPECT_THAT(fixture_refusal("wrong_descriptor_size"), HasSubstr(expected));
}

TEST(PluginRefusal, WrongLibTorchVersion) {
  const std::string ours = TORCH_VERSION;
  const std::string major_minor = ours.substr(0, ours.find('.', ours.find('.') + 1));
  EXPECT_THAT(fixture_refusal("wrong_torch"),
              HasSubstr(": built against LibTorch 0.4.1, this eorun uses LibTorch " + ours +
                        " (major.minor must match); rebuild the plugin against LibTorch " +
                        major_minor));
}

TEST(PluginRefusal, UnknownKind) {
  EXPECT_THAT(fixture_refusal("unknown_kind"),
              HasSubstr(": unknown kind 42, expected one of model (1), dataset (2), loss (3);"));
}

TEST(PluginRefusal, InvalidName) {
  EXPECT_THAT(fixture_refusal("bad_name"),
              HasSubstr(": invalid name 'Tiny-Model': a plugin name uses only a-z, 0-9 and _"));
}

TEST(PluginRefusal, BrokenSchemaNamesTheParameter) {
  EXPECT_THAT(fixture_refusal("bad_param"),
              HasSubstr(": broken parameter schema: parameter 'depth': default \"deep\" is not "
                        "an integer; fix the plugin's ParamSpec array"));
  EXPECT_THAT(fixture_refusal("bad_param_json"),
              HasSubstr("parameter 'mode': default 'rgb' is not valid JSON"));
}

TEST(PluginRefusal, BrokenBoundsNameTheParameter) {
  EXPECT_THAT(fixture_refusal("bad_bounds"),
              HasSubstr(": broken parameter schema: parameter 'mode': has bounds but is a string "
                        "(bounds apply to integers, numbers and their lists)"));
  EXPECT_THAT(fixture_refusal("default_out_of_bounds"),
              HasSubstr(": broken parameter schema: parameter 'width': default 0 is below the "
                        "minimum 1 of its bounds [1, inf)"));
}

TEST(PluginRefusal, ASynthHookOnAModel) {
  EXPECT_THAT(fixture_refusal("synth_on_model"),
              HasSubstr(": declares a synth hook but is a model plugin (only datasets write "
                        "synthetic copies); remove with_synth(...) from the descriptor"));
}

TEST(PluginRefusal, DuplicateNameNamesBothFiles) {
  Catalogue catalogue;
  ASSERT_FALSE(catalogue.load(test::fixture_plugin("tiny_model")));
  const std::filesystem::path twin = test::fixture_plugin("tiny_model_twin");
  std::optional<RefusedPlugin> refused = catalogue.load(twin);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->message, "plugin " + twin.string() +
                                  ": model name 'tiny_model' is already taken by " +
                                  test::fixture_plugin("tiny_model").string() +
                                  "; remove one of the two from the search path, or rename one");
  ASSERT_EQ(catalogue.plugins().size(), 1u);
  EXPECT_EQ(catalogue.plugins()[0].path, test::fixture_plugin("tiny_model"));
  ASSERT_EQ(catalogue.refused().size(), 1u);
  EXPECT_EQ(catalogue.refused()[0].message, refused->message);
}

TEST(PluginRefusal, ThrowingInit) {
  EXPECT_THAT(fixture_refusal("throwing_init"),
              HasSubstr(": init failed: init exploded on purpose; fix the plugin, or remove it "
                        "from the search path"));
}

TEST(PluginRefusal, InitThrowingANonStandardException) {
  EXPECT_THAT(fixture_refusal("throwing_init_unknown"),
              HasSubstr(": init failed: it threw something that is not a std::exception;"));
}

TEST(PluginRefusal, MissingFactoryOfTheDeclaredKind) {
  EXPECT_THAT(fixture_refusal("no_factory"),
              HasSubstr(": declares kind model but its create_model factory is null; set "
                        "create_model in the descriptor"));
}

TEST(PluginRefusal, ARefusalDoesNotStopLaterLoads) {
  Catalogue catalogue;
  EXPECT_TRUE(catalogue.load(test::fixture_plugin("wrong_abi")));
  EXPECT_TRUE(catalogue.load(test::fixture_plugin("throwing_init")));
  EXPECT_FALSE(catalogue.load(test::fixture_plugin("tiny_model")));
  EXPECT_EQ(catalogue.plugins().size(), 1u);
  EXPECT_EQ(catalogue.refused().size(), 2u);
}

}  // namespace
}  // namespace eorun
