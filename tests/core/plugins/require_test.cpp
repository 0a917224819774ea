// Looking plugins up by kind and name, and the error when one is missing.
#include <gtest/gtest.h>

#include "core/plugins/fixture_plugins.hpp"
#include "plugins/catalogue.hpp"

namespace eorun {
namespace {

TEST(CatalogueRequire, ReturnsTheLoadedPlugin) {
  Catalogue catalogue;
  ASSERT_FALSE(catalogue.load(test::fixture_plugin("tiny_model")));
  EXPECT_EQ(catalogue.require(PluginKind::model, "tiny_model").name, "tiny_model");
}

TEST(CatalogueRequire, MissingPluginErrorListsTheAvailableOnes) {
  Catalogue catalogue;
  ASSERT_FALSE(catalogue.load(test::fixture_plugin("tiny_model")));
  try {
    catalogue.require(PluginKind::model, "foo");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), "model plugin 'foo'");
    EXPECT_EQ(e.problem(), "not found");
    EXPECT_EQ(e.remedy(), "available: tiny_model; see `eorun plugins`");
    EXPECT_STREQ(e.what(),
                 "model plugin 'foo': not found; available: tiny_model; see `eorun plugins`");
  }
}

TEST(CatalogueRequire, MissingPluginOfAKindWithNoneLoaded) {
  Catalogue catalogue;
  ASSERT_FALSE(catalogue.load(test::fixture_plugin("tiny_model")));
  try {
    catalogue.require(PluginKind::loss, "tiny_model");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), "loss plugin 'tiny_model'");
    EXPECT_EQ(e.remedy(), "available: none; see `eorun plugins`");
  }
}

TEST(CatalogueNames, SortedPerKind) {
  Catalogue catalogue;
  EXPECT_TRUE(catalogue.names(PluginKind::model).empty());
  ASSERT_FALSE(catalogue.load(test::fixture_plugin("tiny_model")));
  EXPECT_EQ(catalogue.names(PluginKind::model), std::vector<std::string>{"tiny_model"});
  EXPECT_TRUE(catalogue.names(PluginKind::dataset).empty());
}

TEST(PluginKindText, RoundTrips) {
  for (PluginKind kind : kAllPluginKinds)
    EXPECT_EQ(plugin_kind_from_string(to_string(kind)), kind);
  EXPECT_EQ(to_string(PluginKind::dataset), "dataset");
  EXPECT_FALSE(plugin_kind_from_string("models"));
  EXPECT_FALSE(plugin_kind_from_string(""));
}

}  // namespace
}  // namespace eorun
