// A plugin that passes every check: what the catalogue records about it.
#include <gtest/gtest.h>

#include "core/plugins/fixture_plugins.hpp"
#include "plugins/catalogue.hpp"
#include "util/sha256.hpp"

namespace eorun {
namespace {

TEST(PluginLoad, RecordsWhatTheDescriptorDeclares) {
  Catalogue catalogue;
  ASSERT_FALSE(catalogue.load(test::fixture_plugin("tiny_model")));
  ASSERT_EQ(catalogue.plugins().size(), 1u);
  const LoadedPlugin& plugin = catalogue.plugins()[0];
  EXPECT_EQ(plugin.kind, PluginKind::model);
  EXPECT_EQ(plugin.name, "tiny_model");
  EXPECT_EQ(plugin.version, "1.2.3");
  EXPECT_EQ(plugin.summary, "a tiny model for the loader's tests");
  EXPECT_EQ(plugin.torch_version, TORCH_VERSION);
  EXPECT_EQ(plugin.path, test::fixture_plugin("tiny_model"));
  EXPECT_NE(plugin.descriptor, nullptr);
  EXPECT_NE(plugin.library, nullptr);
  ASSERT_EQ(plugin.params.size(), 3u);
  EXPECT_STREQ(plugin.params[0].name, "hidden");
  EXPECT_EQ(plugin.params[0].type, ParamType::integer);
  EXPECT_STREQ(plugin.params[0].default_json, "8");
  EXPECT_STREQ(plugin.params[1].name, "fail");
  EXPECT_STREQ(plugin.params[2].name, "groups");
  EXPECT_EQ(plugin.params[0].min_kind, BoundKind::inclusive) << "bounds are copied as declared";
  EXPECT_EQ(plugin.params[0].max, 64.0);
  EXPECT_TRUE(catalogue.refused().empty());
}

TEST(PluginLoad, Sha256IsTheFilesHash) {
  Catalogue catalogue;
  ASSERT_FALSE(catalogue.load(test::fixture_plugin("tiny_model")));
  EXPECT_EQ(catalogue.plugins()[0].sha256, sha256_file(test::fixture_plugin("tiny_model")));
  EXPECT_EQ(catalogue.plugins()[0].sha256.size(), 64u);
}

TEST(PluginLoad, PathIsCanonical) {
  Catalogue catalogue;
  const std::filesystem::path roundabout =
      test::fixture_plugin_dir() / ".." / "fixtures" / "." / "fixture_tiny_model.so";
  ASSERT_FALSE(catalogue.load(roundabout));
  EXPECT_EQ(catalogue.plugins()[0].path, test::fixture_plugin("tiny_model"));
}

TEST(PluginLoad, LoadingTheSameLibraryAgainIsANoOp) {
  Catalogue catalogue;
  ASSERT_FALSE(catalogue.load(test::fixture_plugin("tiny_model")));
  EXPECT_FALSE(catalogue.load(test::fixture_plugin("tiny_model")));
  EXPECT_EQ(catalogue.plugins().size(), 1u);
  EXPECT_TRUE(catalogue.refused().empty());
}

TEST(PluginLoad, FindByKindAndName) {
  Catalogue catalogue;
  ASSERT_FALSE(catalogue.load(test::fixture_plugin("tiny_model")));
  EXPECT_NE(catalogue.find(PluginKind::model, "tiny_model"), nullptr);
  EXPECT_EQ(catalogue.find(PluginKind::loss, "tiny_model"), nullptr);
  EXPECT_EQ(catalogue.find(PluginKind::model, "tiny"), nullptr);
  EXPECT_EQ(catalogue.find_any_kind("tiny_model").size(), 1u);
  EXPECT_TRUE(catalogue.find_any_kind("nothing").empty());
}

}  // namespace
}  // namespace eorun
