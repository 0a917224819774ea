// Objects made by a plugin: they work, they keep their library loaded, and a failing factory is
// reported as an eorun::Error naming the plugin.
#include <memory>

#include <ATen/ATen.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/plugins/fixture_plugins.hpp"
#include "plugins/catalogue.hpp"

namespace eorun {
namespace {

using ::testing::HasSubstr;

constexpr std::int64_t kClasses = 3;
constexpr std::int64_t kChannels = 4;

Params tiny_params(const std::string& fail = "") {
  Params params("tiny_model");
  params.set("hidden", std::int64_t{5});
  params.set("fail", fail);
  params.set("groups", std::string("ok"));
  return params;
}

ModelContext tiny_context() {
  ModelContext context;
  context.num_classes = kClasses;
  context.inputs = {{"x", std::vector<std::string>(kChannels, "b"), 10.0, {kChannels, 6, 6}}};
  return context;
}

// The eorun::Error that `make` throws; the test fails if it throws nothing or something else.
template <typename Make>
Error error_of(Make make) {
  try {
    make();
  } catch (const Error& e) {
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "not an eorun::Error: " << e.what();
  }
  ADD_FAILURE() << "nothing was thrown";
  return Error("", "");
}

class PluginFactories : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(catalogue_.load(test::fixture_plugin("tiny_model")));
    plugin_ = &catalogue_.require(PluginKind::model, "tiny_model");
  }
  Catalogue catalogue_;
  const LoadedPlugin* plugin_ = nullptr;
};

TEST_F(PluginFactories, MakeModelGivesAWorkingModel) {
  std::shared_ptr<Model> model = catalogue_.make_model(*plugin_, tiny_params(), tiny_context());
  ASSERT_NE(model, nullptr);
  at::Tensor logits = model->forward({at::ones({2, kChannels, 6, 6})});
  EXPECT_EQ(logits.sizes(), (at::IntArrayRef{2, kClasses}));
  std::vector<ModuleGroup> groups = model->groups();
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].name, "stem");
  EXPECT_EQ(groups[1].name, "head");
  EXPECT_NE(model->module(), nullptr);
}

TEST(PluginLifetime, ModelKeepsItsLibraryAfterTheCatalogueIsGone) {
  std::shared_ptr<Model> model;
  std::weak_ptr<void> library;
  {
    Catalogue catalogue;
    ASSERT_FALSE(catalogue.load(test::fixture_plugin("tiny_model")));
    const LoadedPlugin& plugin = catalogue.require(PluginKind::model, "tiny_model");
    library = plugin.library;
    model = catalogue.make_model(plugin, tiny_params(), tiny_context());
  }
  ASSERT_FALSE(library.expired()) << "the model does not hold its library";
  // The plugin's code (forward, the module's layers) still runs.
  at::Tensor logits = model->forward({at::ones({1, kChannels, 6, 6})});
  EXPECT_EQ(logits.sizes(), (at::IntArrayRef{1, kClasses}));
  EXPECT_TRUE(logits.isfinite().all().item<bool>());
  model.reset();
  EXPECT_TRUE(library.expired()) << "the library outlived the last object made by it";
}

TEST_F(PluginFactories, AnEorunErrorFromTheFactoryPassesThrough) {
  Error e = error_of([&] { catalogue_.make_model(*plugin_, tiny_params("eorun_error"), tiny_context()); });
  EXPECT_EQ(e.subject(), "tiny_model");
  EXPECT_EQ(e.problem(), "asked to fail");
  EXPECT_EQ(e.remedy(), "do not ask");
}

TEST_F(PluginFactories, AStdExceptionFromTheFactoryIsWrappedNamingThePlugin) {
  Error e = error_of([&] { catalogue_.make_model(*plugin_, tiny_params("std_error"), tiny_context()); });
  EXPECT_EQ(e.subject(), "model plugin 'tiny_model'");
  EXPECT_EQ(e.problem(), "failed to make the model: asked to fail with a std::runtime_error");
  EXPECT_THAT(e.remedy(), HasSubstr("eorun plugins show tiny_model"));
}

TEST_F(PluginFactories, AnythingElseThrownIsWrappedToo) {
  Error e = error_of([&] { catalogue_.make_model(*plugin_, tiny_params("unknown"), tiny_context()); });
  EXPECT_EQ(e.subject(), "model plugin 'tiny_model'");
  EXPECT_THAT(e.problem(), HasSubstr("not a std::exception"));
}

TEST_F(PluginFactories, AFactoryReturningNullIsAnError) {
  Error e = error_of([&] { catalogue_.make_model(*plugin_, tiny_params("null"), tiny_context()); });
  EXPECT_EQ(e.subject(), "model plugin 'tiny_model'");
  EXPECT_EQ(e.problem(), "its factory returned no object");
}

TEST_F(PluginFactories, AskingAModelPluginForADatasetIsAnError) {
  Error e = error_of([&] { catalogue_.make_dataset(*plugin_, tiny_params(), DatasetContext{"train"}); });
  EXPECT_EQ(e.subject(), "model plugin 'tiny_model'");
  EXPECT_EQ(e.problem(), "is not a dataset plugin");
  Error loss = error_of([&] { catalogue_.make_loss(*plugin_, tiny_params(), LossContext{}); });
  EXPECT_EQ(loss.problem(), "is not a loss plugin");
}

}  // namespace
}  // namespace eorun
